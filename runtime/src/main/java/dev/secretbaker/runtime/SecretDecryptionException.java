package dev.secretbaker.runtime;

/**
 * Decrypting one secret failed. Subclasses name the causes a user can act on; this type itself is used for the
 * remaining KMS errors, with {@link #errorCode()} as KMS reported it.
 */
public class SecretDecryptionException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /** The secret's name in the secrets file. */
    private final String secretName;
    /** The ARN of the secret's parameter. */
    private final String parameterArn;
    /** The KMS error code, or a short code of this library's own. */
    private final String errorCode;

    SecretDecryptionException(String secretName, String parameterArn, String errorCode, String message,
            Throwable cause) {
        super(message, cause);
        this.secretName = secretName;
        this.parameterArn = parameterArn;
        this.errorCode = errorCode;
    }

    /** {@return the name of the secret in the secrets file} */
    public String secretName() {
        return secretName;
    }

    /** {@return the ARN of the SSM parameter the secret was baked from (its KMS encryption context)} */
    public String parameterArn() {
        return parameterArn;
    }

    /** {@return the KMS error code (e.g. {@code AccessDeniedException}), or a short code of this library's own} */
    public String errorCode() {
        return errorCode;
    }
}
