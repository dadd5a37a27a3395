package dev.secretbaker.local.internal.ssm;

import java.time.Instant;
import java.util.List;

/**
 * One parameter version as an operation returns it. {@code value} is the plaintext, or for a SecureString read
 * without decryption the base64 ciphertext; null where the operation returns no value (DescribeParameters).
 * Each operation's wire form picks the members AWS returns for it.
 */
public record ParameterView(
        String name,
        String arn,
        ParameterType type,
        String value,
        long version,
        String selector,
        Instant lastModifiedDate,
        String lastModifiedUser,
        String keyId,
        String description,
        String allowedPattern,
        List<String> labels,
        ParameterTier tier,
        String policies,
        String dataType) {

    @Override
    public String toString() {
        return "ParameterView[name=" + name + ", type=" + type + ", version=" + version + ", tier=" + tier + "]";
    }
}
