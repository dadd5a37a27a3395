package dev.secretbaker.core.config;

/**
 * One secret as a program configures it (the Maven plugin's {@code <secret>}): the name it gets in the secrets
 * file and the parameter it comes from. A {@code null} path means the parameter has the secret's name, as in
 * the list form {@code - MY_SECRET} of {@code serverless.yml}. Nothing is checked here: a missing or empty name
 * is reported by {@link SecretBakerConfig#fromEntries} with the entry's position.
 */
public record SecretEntry(String name, String path) {

    /**
     * {@return a secret whose parameter has the same name}
     *
     * @param name the secret's name, which is also the parameter's
     */
    public static SecretEntry of(String name) {
        return new SecretEntry(name, null);
    }

    /**
     * {@return a secret and the parameter it comes from}
     *
     * @param name the secret's name in the secrets file
     * @param path the parameter's name or ARN, maybe with a selector; null for the secret's name
     */
    public static SecretEntry of(String name, String path) {
        return new SecretEntry(name, path);
    }
}
