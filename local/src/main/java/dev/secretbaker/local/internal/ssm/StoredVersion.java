package dev.secretbaker.local.internal.ssm;

import java.time.Instant;

/**
 * One version of a parameter as Parameter Store keeps it. A SecureString keeps only its ciphertext: a raw KMS
 * blob for the Standard tier, an AWS Encryption SDK message for the Advanced tier ({@link #encoding}).
 *
 * @param keyId the KeyId as the caller gave it (or {@code alias/aws/ssm}); null unless SecureString
 * @param keyArn the key the value is encrypted under; null unless SecureString
 */
record StoredVersion(
        long version,
        ParameterType type,
        String plainValue,
        byte[] ciphertext,
        ValueEncoding encoding,
        String keyId,
        String keyArn,
        ParameterTier tier,
        String description,
        String allowedPattern,
        String dataType,
        String policies,
        Instant lastModifiedDate,
        String lastModifiedUser) {

    enum ValueEncoding {
        PLAINTEXT, KMS_CIPHERTEXT, ENCRYPTION_SDK_MESSAGE
    }

    @Override
    public String toString() {
        return "StoredVersion[version=" + version + ", type=" + type + ", tier=" + tier + "]";
    }
}
