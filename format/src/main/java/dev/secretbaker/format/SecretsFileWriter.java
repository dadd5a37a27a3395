package dev.secretbaker.format;

import dev.secretbaker.format.internal.JsonWriter;
import java.util.List;

/**
 * Writes the bytes that JavaScript's {@code JSON.stringify} writes for the same object: compact, UTF-8, no trailing
 * newline, members in the given order, strings quoted as {@link JsonWriter} does.
 */
final class SecretsFileWriter {

    private SecretsFileWriter() {
    }

    /** The secrets must already be in the order a JavaScript object enumerates them. */
    static byte[] write(List<BakedSecret> secrets) {
        int estimate = 2;
        for (BakedSecret secret : secrets) {
            estimate += secret.name().length() + secret.ciphertext().length() + secret.arn().length() + 32;
        }
        JsonWriter json = new JsonWriter(estimate);
        json.raw('{');
        boolean first = true;
        for (BakedSecret secret : secrets) {
            if (!first) {
                json.raw(',');
            }
            first = false;
            json.string(secret.name()).raw(":{\"ciphertext\":").string(secret.ciphertext())
                    .raw(",\"arn\":").string(secret.arn()).raw('}');
        }
        return json.raw('}').toByteArray();
    }
}
