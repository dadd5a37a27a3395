package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerlessRegionTest {

    private static Optional<String> regionOf(String yaml, ConfigOptions options) {
        return SecretBakerConfig.readServerlessYaml(yaml.getBytes(StandardCharsets.UTF_8), "serverless.yml", options)
                .region();
    }

    private static ConfigOptions options(String region, Map<String, String> environment) {
        return ConfigOptions.builder().region(region).environment(environment).build();
    }

    private static final String WITH_SECRET = "custom:\n  secretBaker:\n    - DB\n";

    @Test
    void region_isProviderRegion() {
        String yaml = "service: s\nprovider:\n  name: aws\n  region: eu-west-1\n" + WITH_SECRET;

        assertThat(regionOf(yaml, options(null, Map.of()))).contains("eu-west-1");
    }

    @Test
    void region_optionWinsOverProviderRegion() {
        String yaml = "service: s\nprovider:\n  name: aws\n  region: eu-west-1\n" + WITH_SECRET;

        assertThat(regionOf(yaml, options("ap-south-1", Map.of()))).contains("ap-south-1");
    }

    @Test
    void region_providerRegionVariablesAreResolved() {
        String yaml = "service: s\nprovider:\n  name: aws\n  region: ${opt:region, env:DEPLOY_REGION, 'us-west-2'}\n"
                + WITH_SECRET;

        assertThat(regionOf(yaml, options(null, Map.of("DEPLOY_REGION", "eu-central-1")))).contains("eu-central-1");
        assertThat(regionOf(yaml, options(null, Map.of()))).contains("us-west-2");
    }

    @Test
    void region_withNeitherOptionNorProviderRegion_isLeftToTheSdk() {
        String yaml = "service: s\nprovider:\n  name: aws\n" + WITH_SECRET;

        assertThat(regionOf(yaml, options(null, Map.of()))).isEmpty();
    }

    @Test
    void region_isReportedEvenWhenNothingIsConfiguredToBake() {
        String yaml = "service: s\nprovider:\n  name: aws\n  region: eu-west-1\n";

        ServerlessConfiguration configuration = SecretBakerConfig.readServerlessYaml(
                yaml.getBytes(StandardCharsets.UTF_8), "serverless.yml", options(null, Map.of()));

        assertThat(configuration.secrets()).isEmpty();
        assertThat(configuration.region()).contains("eu-west-1");
    }
}
