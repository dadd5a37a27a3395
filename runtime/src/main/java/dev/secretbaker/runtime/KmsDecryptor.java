package dev.secretbaker.runtime;

import java.util.Map;

/** One KMS {@code Decrypt} call, without retries; failures are {@link KmsCallException}. */
interface KmsDecryptor {

    /** The plaintext, or the failure as a {@link KmsCallException}. */
    byte[] decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext, KmsTarget target);

    /** Where calls go, for messages (e.g. {@code https://kms.us-east-1.amazonaws.com}). */
    String describeEndpoint(KmsTarget target);
}
