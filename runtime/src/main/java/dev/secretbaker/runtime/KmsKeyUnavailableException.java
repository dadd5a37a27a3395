package dev.secretbaker.runtime;

/**
 * The KMS key exists no more, is disabled, or is pending deletion ({@link #errorCode()} says which KMS error).
 */
public final class KmsKeyUnavailableException extends SecretDecryptionException {

    private static final long serialVersionUID = 1L;

    KmsKeyUnavailableException(String secretName, String parameterArn, String errorCode, String kmsMessage,
            Throwable cause) {
        super(secretName, parameterArn, errorCode,
                "The KMS key of secret '" + secretName + "' (parameter " + parameterArn + ") cannot be used: "
                        + advice(errorCode) + (kmsMessage == null ? "" : " KMS said: " + kmsMessage),
                cause);
    }

    private static String advice(String errorCode) {
        return switch (errorCode) {
            case "DisabledException" -> "the key is disabled. Enable it (aws kms enable-key).";
            case "KMSInvalidStateException" -> "the key is pending deletion or otherwise not usable. If it is pending"
                    + " deletion, cancel it (aws kms cancel-key-deletion) and enable the key; otherwise re-encrypt the"
                    + " parameter with a usable customer managed key and bake again.";
            case "NotFoundException" -> "the key does not exist (deleted, or in another account or region)."
                    + " Re-encrypt the parameter with an existing customer managed key and bake again.";
            default -> "KMS reported " + errorCode + ".";
        };
    }
}
