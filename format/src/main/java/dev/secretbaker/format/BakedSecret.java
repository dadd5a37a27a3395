package dev.secretbaker.format;

import java.util.Objects;

/**
 * One entry of the secrets file: a secret's name, its KMS ciphertext (base64, exactly as SSM returned it)
 * and the ARN of the parameter it came from, which is also the KMS encryption context.
 *
 * <p>{@link #toString()} leaves the ciphertext out: it is not plaintext, but it has no place in logs.
 */
public record BakedSecret(String name, String ciphertext, String arn) {

    public BakedSecret {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(arn, "arn");
    }

    @Override
    public String toString() {
        return "BakedSecret[name=" + name + ", arn=" + arn + "]";
    }
}
