package dev.secretbaker.core.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code serverless.yml} says about the bake: the secrets under {@code custom.secretBaker}, in
 * configuration order, and the region the service deploys to (the region option, else {@code provider.region}),
 * which is where its parameters live. An empty region leaves the choice to the AWS SDK's default chain.
 */
public record ServerlessConfiguration(List<SecretRequest> secrets, Optional<String> region) {

    /**
     * Keeps a copy of the secrets.
     *
     * @param secrets the secrets, in configuration order
     * @param region  the region the service deploys to, if it names one
     */
    public ServerlessConfiguration {
        secrets = List.copyOf(secrets);
        Objects.requireNonNull(region, "region");
    }
}
