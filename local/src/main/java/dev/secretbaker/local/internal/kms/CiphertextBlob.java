package dev.secretbaker.local.internal.kms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The emulator's KMS ciphertext blob: {@code 01 02 02 00} (the first bytes of an AWS KMS blob, so that readers
 * that tell a KMS blob from an Encryption SDK message by its leading bytes treat it as AWS's), the key id as
 * 16 bytes, a 12-byte IV, then the AES-256-GCM ciphertext with its 16-byte tag.
 *
 * <p>The header and the encryption context are the additional authenticated data, the context in a canonical
 * form: pairs sorted by key, each string length-prefixed, so that no two different contexts (say
 * {@code {"ab":"c"}} and {@code {"a":"bc"}}) share a byte form.
 */
record CiphertextBlob(UUID keyId, byte[] iv, byte[] sealed) {

    static final byte[] PREFIX = {0x01, 0x02, 0x02, 0x00};
    static final int IV_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    static final int HEADER_LENGTH = PREFIX.length + 16;
    static final int MIN_LENGTH = HEADER_LENGTH + IV_LENGTH + TAG_LENGTH;

    /** Parses a blob; null when it is not one of ours (the caller answers InvalidCiphertextException). */
    static CiphertextBlob parse(byte[] blob) {
        if (blob == null || blob.length < MIN_LENGTH) {
            return null;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (blob[i] != PREFIX[i]) {
                return null;
            }
        }
        ByteBuffer in = ByteBuffer.wrap(blob, PREFIX.length, blob.length - PREFIX.length);
        UUID keyId = new UUID(in.getLong(), in.getLong());
        byte[] iv = new byte[IV_LENGTH];
        in.get(iv);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return new CiphertextBlob(keyId, iv, sealed);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(HEADER_LENGTH + iv.length + sealed.length)
                .put(header(keyId)).put(iv).put(sealed).array();
    }

    static byte[] header(UUID keyId) {
        return ByteBuffer.allocate(HEADER_LENGTH).put(PREFIX)
                .putLong(keyId.getMostSignificantBits()).putLong(keyId.getLeastSignificantBits()).array();
    }

    /** The additional authenticated data: the header, then the canonical encryption context. */
    static byte[] aad(UUID keyId, Map<String, String> encryptionContext) {
        byte[] context = canonicalContext(encryptionContext);
        return ByteBuffer.allocate(HEADER_LENGTH + context.length).put(header(keyId)).put(context).array();
    }

    /**
     * The encryption context as bytes: the number of pairs, then for each pair in key order the key and the value,
     * each as a 4-byte length and its UTF-8 bytes. An absent context and an empty one are the same, as in KMS.
     */
    static byte[] canonicalContext(Map<String, String> encryptionContext) {
        TreeMap<String, String> sorted = encryptionContext == null ? new TreeMap<>() : new TreeMap<>(encryptionContext);
        int size = 4;
        for (var entry : sorted.entrySet()) {
            size += 8 + utf8(entry.getKey()).length + utf8(entry.getValue()).length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).putInt(sorted.size());
        for (var entry : sorted.entrySet()) {
            byte[] key = utf8(entry.getKey());
            byte[] value = utf8(entry.getValue());
            out.putInt(key.length).put(key).putInt(value.length).put(value);
        }
        return out.array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
