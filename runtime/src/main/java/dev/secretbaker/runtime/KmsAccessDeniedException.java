package dev.secretbaker.runtime;

/**
 * KMS refused {@code kms:Decrypt}. {@link #iamStatement()} is the statement to add to the function's role.
 */
public final class KmsAccessDeniedException extends SecretDecryptionException {

    private static final long serialVersionUID = 1L;

    /** The key's ARN when KMS named it, else {@code null}. */
    private final String keyArn;

    KmsAccessDeniedException(String secretName, String parameterArn, String keyArn, String kmsMessage,
            Throwable cause) {
        super(secretName, parameterArn, "AccessDeniedException",
                "Access denied decrypting secret '" + secretName + "' (parameter " + parameterArn + "): the function's"
                        + " role may not use " + describe(keyArn) + " for kms:Decrypt. Add this statement to the role's"
                        + " policy: " + statement(keyArn) + (keyArn == null
                                ? " with the ARN of the key shown by `aws ssm describe-parameters` (KeyId) as Resource"
                                : "")
                        + ", and make sure the key policy allows the account's IAM policies."
                        + (kmsMessage == null ? "" : " KMS said: " + kmsMessage),
                cause);
        this.keyArn = keyArn;
    }

    /** {@return the key's ARN when KMS named it, else {@code null}} */
    public String keyArn() {
        return keyArn;
    }

    /** {@return the IAM statement to add to the function's role}: {@code {"Effect":"Allow","Action":"kms:Decrypt","Resource":"<key arn>"}} */
    public String iamStatement() {
        return statement(keyArn);
    }

    private static String describe(String keyArn) {
        return keyArn == null ? "the parameter's KMS key" : "the KMS key " + keyArn;
    }

    private static String statement(String keyArn) {
        return "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\""
                + (keyArn == null ? "<key arn>" : keyArn) + "\"}";
    }
}
