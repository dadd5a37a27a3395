package dev.secretbaker.runtime;

/** KMS kept answering {@code ThrottlingException} until the retries ran out. */
public final class KmsThrottledException extends SecretDecryptionException {

    private static final long serialVersionUID = 1L;

    /** How many calls KMS throttled in a row. */
    private final int attempts;

    KmsThrottledException(String secretName, String parameterArn, int attempts, Throwable cause) {
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
