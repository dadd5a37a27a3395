package dev.secretbaker.core.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * One parameter as {@code GetParameters} returned it without decryption. Only a SecureString's value is kept:
 * it is a KMS ciphertext. Any other type's value is plaintext and is never copied out of the SDK response.
 *
 * @param lastModified when this version was written, if Parameter Store said
 */
public record FetchedParameter(String name, String arn, String type, long version, String ciphertext, Instant lastModified) {

    public static final String SECURE_STRING = "SecureString";

    public FetchedParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (ciphertext != null && !SECURE_STRING.equals(type)) {
            throw new IllegalArgumentException("Only a SecureString's ciphertext may be kept");
        }
    }

    public boolean isSecureString() {
        return SECURE_STRING.equals(type);
    }

    @Override
    public String toString() {
        return "FetchedParameter[name=" + name + ", arn=" + arn + ", type=" + type + ", version=" + version + "]";
    }
}
