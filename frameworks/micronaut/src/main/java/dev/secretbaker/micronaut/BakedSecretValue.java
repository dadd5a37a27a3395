package dev.secretbaker.micronaut;

import dev.secretbaker.runtime.BakedSecretsClient;

/**
 * A secret's value as Micronaut's property catalogue holds it: text that is decrypted (once, by the runtime
 * library's client) when Micronaut first reads it. Micronaut converts property values with {@link #toString()},
 * so that returns the plaintext.
 */
final class BakedSecretValue implements CharSequence {

    private final BakedSecretsClient client;
    private final String name;

    BakedSecretValue(BakedSecretsClient client, String name) {
        this.client = client;
        this.name = name;
    }

    @Override
    public int length() {
        return toString().length();
    }

    @Override
    public char charAt(int index) {
        return toString().charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().subSequence(start, end);
    }

    @Override
    public String toString() {
        return client.get(name);
    }
}
