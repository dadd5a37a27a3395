package dev.secretbaker.local.internal.kms;

import dev.secretbaker.local.internal.protocol.AwsServiceException;

/** The errors KMS answers, by their AWS error codes and with KMS's wording. Never contains key material. */
final class KmsErrors {

    private KmsErrors() {
    }

    static AwsServiceException keyNotFound(String keyArn) {
        return new AwsServiceException("NotFoundException", 400, "Key '" + keyArn + "' does not exist");
    }

    static AwsServiceException aliasNotFound(String aliasArn) {
        return new AwsServiceException("NotFoundException", 400, "Alias " + aliasArn + " is not found.");
    }

    static AwsServiceException invalidKeyId(String keyId) {
        return new AwsServiceException("NotFoundException", 400, "Invalid keyId '" + keyId + "'");
    }

    static AwsServiceException disabled(String keyArn) {
        return new AwsServiceException("DisabledException", 400, keyArn + " is disabled.");
    }

    static AwsServiceException pendingDeletion(String keyArn) {
        return new AwsServiceException("KMSInvalidStateException", 400, keyArn + " is pending deletion.");
    }

    static AwsServiceException notPendingDeletion(String keyArn) {
        return new AwsServiceException("KMSInvalidStateException", 400, keyArn + " is not pending deletion.");
    }

    /** AWS says nothing more about a ciphertext it cannot use, so that the answer leaks nothing. */
    static AwsServiceException invalidCiphertext() {
        return new AwsServiceException("InvalidCiphertextException", 400, null);
    }

    static AwsServiceException incorrectKey() {
        return new AwsServiceException("IncorrectKeyException", 400,
                "The key ID in the request does not identify a KMS key that can perform this operation.");
    }

    static AwsServiceException aliasExists(String aliasArn) {
        return new AwsServiceException("AlreadyExistsException", 400,
                "An alias with the name " + aliasArn + " already exists");
    }

    static AwsServiceException invalidAliasName(String message) {
        return new AwsServiceException("InvalidAliasNameException", 400, message);
    }

    static AwsServiceException unsupported(String message) {
        return new AwsServiceException("UnsupportedOperationException", 400, message);
    }

    static AwsServiceException invalidKeyUsage(String message) {
        return new AwsServiceException("InvalidKeyUsageException", 400, message);
    }

    static AwsServiceException dryRun() {
        return new AwsServiceException("DryRunOperationException", 412,
                "The request would have succeeded, but the DryRun option is set.");
    }

    static AwsServiceException internal() {
        return new AwsServiceException("KMSInternalException", 500,
                "The request was rejected because an internal exception occurred. The request can be retried.");
    }

    /**
     * The key policy of an AWS managed key lets principals use it only through the AWS service it belongs to
     * ({@code kms:ViaService}), so a direct call is refused by the key's resource-based policy.
     */
    static AwsServiceException notAllowedByKeyPolicy(String principalArn, String action, String keyArn) {
        return AwsServiceException.accessDenied("User: " + principalArn + " is not authorized to perform: " + action
                + " on resource: " + keyArn + " because no resource-based policy allows the " + action + " action");
    }

    static AwsServiceException validation(String message) {
        return AwsServiceException.validation(message);
    }
}
