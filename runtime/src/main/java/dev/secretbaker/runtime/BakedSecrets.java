package dev.secretbaker.runtime;

import java.util.List;
import java.util.Map;

/**
 * The secrets baked into this function's deployment package, for the common case:
 *
 * <pre>{@code
 * String password = BakedSecrets.get("DB_PASSWORD");
 * }</pre>
 *
 * <p>The first call reads {@code secret-baker-secrets.json} (from {@code SECRET_BAKER_FILE},
 * {@code $LAMBDA_TASK_ROOT}, the classpath root or the working directory) and decrypts the secret with one KMS
 * {@code Decrypt}; later calls return the kept plaintext without calling KMS. Nothing happens when this class is
 * initialised. For another file, an SDK {@code KmsClient} or other credentials, use {@link #builder()}.
 */
public final class BakedSecrets {

    private BakedSecrets() {
    }

    /** {@return the default client, created on first use and shared by the whole JVM} */
    public static BakedSecretsClient defaultClient() {
        return DefaultClient.INSTANCE;
    }

    /** {@return a builder for a client of your own}: keep the client it builds in a static field. */
    public static BakedSecretsClient.Builder builder() {
        return BakedSecretsClient.builder();
    }

    /**
     * The secret's plaintext, decoded as UTF-8, from the default client.
     *
     * @param name the secret's name in the secrets file
     * @return the plaintext
     * @see BakedSecretsClient#get(String)
     */
    public static String get(String name) {
        return DefaultClient.INSTANCE.get(name);
    }

    /**
     * The secret's plaintext bytes, a fresh copy on each call, from the default client.
     *
     * @param name the secret's name in the secrets file
     * @return the plaintext bytes
     * @see BakedSecretsClient#getBytes(String)
     */
    public static byte[] getBytes(String name) {
        return DefaultClient.INSTANCE.getBytes(name);
    }

    /**
     * {@return the names in the secrets file, in file order} Decrypts nothing.
     *
     * @see BakedSecretsClient#names()
     */
    public static List<String> names() {
        return DefaultClient.INSTANCE.names();
    }

    /**
     * Decrypts every secret of the default client that is not decrypted yet.
     *
     * @see BakedSecretsClient#preload()
     */
    public static void preload() {
        DefaultClient.INSTANCE.preload();
    }

    /**
     * {@return every secret's plaintext by name, in file order} The map's {@code toString()} shows the names only.
     *
     * @see BakedSecretsClient#getAll()
     */
    public static Map<String, String> getAll() {
        return DefaultClient.INSTANCE.getAll();
    }

    /**
     * Copies secrets of the default client into system properties.
     *
     * @param propertyBySecretName the system property to set, by secret name
     * @see BakedSecretsClient#copyToSystemProperties(Map)
     */
    public static void copyToSystemProperties(Map<String, String> propertyBySecretName) {
        DefaultClient.INSTANCE.copyToSystemProperties(propertyBySecretName);
    }

    /**
     * Copies secrets of the default client into system properties of the same names.
     *
     * @param names the secrets' names
     * @see BakedSecretsClient#copyToSystemProperties(String...)
     */
    public static void copyToSystemProperties(String... names) {
        DefaultClient.INSTANCE.copyToSystemProperties(names);
    }

    // Initialised on first use (the holder idiom), so that loading BakedSecrets does nothing.
    private static final class DefaultClient {
        static final BakedSecretsClient INSTANCE = BakedSecretsClient.create();
    }
}
