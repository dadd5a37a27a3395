package dev.secretbaker.runtime;

/** KMS kept answering {@code ThrottlingException} until the retries ran out. */
public final class KmsThrottledException extends SecretDecryptionException {

    private static final long serialVersionUID = 1L;

    /** How many calls KMS throttled in a row. */
    private final int attempts;

    /**
     * Created by this library when KMS throttled every attempt.
     *
     * @param secretName   the secret's name in the secrets file
     * @param parameterArn the ARN of the secret's parameter
     * @param attempts     how many calls KMS throttled in a row
     * @param cause        the last failure, or {@code null}
     */
    public KmsThrottledException(String secretName, String parameterArn, int attempts, Throwable cause) {
        super(secretName, parameterArn, "ThrottlingException",
                "KMS throttled the decryption of secret '" + secretName + "' " + attempts + " times in a row. Decrypt"
                        + " once per container (a static BakedSecrets keeps the plaintext), spread preload() over"
                        + " fewer parallel calls, or raise the account's KMS request quota.",
                cause);
        this.attempts = attempts;
    }

    /** {@return how many calls KMS throttled in a row} */
    public int attempts() {
        return attempts;
    }
}
