package dev.secretbaker.runtime;

import java.util.Map;

/** One KMS {@code Decrypt} call, without retries; failures are {@link KmsCallException}. */
interface KmsDecryptor {

    /** The plaintext, or the failure as a {@link KmsCallException}. */
    byte[] decrypt(byte[] ciphertextBlob, Map<String, String> encryptionContext, KmsTarget target);

    /** Where calls go, for messages (e.g. {@code https://kms.us-east-1.amazonaws.com}). */
    String describeEndpoint(KmsTarget target);

    /** Starts getting ready for the first call (e.g. TLS) on another thread, where that helps. Never fails. */
    default void warmUp() {
    }

    /**
     * Starts, on another thread, the local set-up the first call will need anyway (such as TLS's trusted roots),
     * with no network and no work the call would not do itself. Never fails.
     */
    default void prepare() {
    }

    /**
     * Loads and initialises what a call to {@code target} uses, without calling KMS and without credentials, and
     * keeps nothing of it (before a SnapStart snapshot). Never fails.
     */
    default void prime(byte[] ciphertextBlob, Map<String, String> encryptionContext, KmsTarget target) {
    }

    /** Forgets cached credentials and TLS sessions, which belong to the process a snapshot was taken of. */
    default void forgetSession() {
    }
}
