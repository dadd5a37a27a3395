package dev.secretbaker.runtime;

/**
 * KMS could not decrypt the ciphertext under the parameter's ARN: the file was altered, the entry's {@code arn}
 * does not belong to its ciphertext, or the parameter was renamed. Baking again fixes all three.
 */
public final class InvalidCiphertextException extends SecretDecryptionException {

    private static final long serialVersionUID = 1L;

    InvalidCiphertextException(String secretName, String parameterArn, String detail, Throwable cause) {
        this(secretName, parameterArn, "InvalidCiphertextException", detail, cause);
    }

    /** @param errorCode the KMS error code, {@code InvalidCiphertextException} or {@code IncorrectKeyException} */
    InvalidCiphertextException(String secretName, String parameterArn, String errorCode, String detail,
            Throwable cause) {
        super(secretName, parameterArn, errorCode,
                "The ciphertext of secret '" + secretName + "' does not decrypt under parameter ARN " + parameterArn
                        + (detail == null ? "" : " (" + detail + ")")
                        + ": the secrets file was altered, or the entry's arn was changed or belongs to another"
                        + " parameter. Bake the file again (secret-baker bake, or the Maven plugin's secret-baker:bake"
                        + " goal) and redeploy.",
                cause);
    }
}
