package dev.secretbaker.core.config;

import java.util.Objects;

/**
 * One secret to bake, as configured: the name it gets in the secrets file and the SSM parameter it comes
 * from. {@code parameter} is a parameter name or ARN, optionally with an SSM selector ({@code /db/pass:3}
 * for a version, {@code /db/pass:prod} for a label); a name without a leading slash stays as written.
 *
 * @param source where the entry was configured, for error messages (e.g. {@code custom.secretBaker[2]})
 */
public record SecretRequest(String name, String parameter, String source) {

    /**
     * Checks that every component is present.
     *
     * @param name      the secret's name in the secrets file
     * @param parameter the parameter reference
     * @param source    where the entry was configured
     */
    public SecretRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(source, "source");
    }
}
