package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Test shorthand: serverless.yml content from lines, read with given options and an empty environment. */
final class Yaml {

    static final ConfigOptions NO_OPTIONS = ConfigOptions.builder().environment(Map.of()).build();

    private Yaml() {
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static List<SecretRequest> read(String yaml) {
        return read(yaml, NO_OPTIONS);
    }

    static List<SecretRequest> read(String yaml, ConfigOptions options) {
        return SecretBakerConfig.fromServerlessYaml(yaml.getBytes(StandardCharsets.UTF_8), "serverless.yml", options);
    }

    /** The section under custom.secretBaker, from its indented lines. */
    static List<SecretRequest> section(String... lines) {
        return read(withSection(lines));
    }

    static String withSection(String... lines) {
        StringBuilder yaml = new StringBuilder("service: app\nprovider:\n  name: aws\ncustom:\n  secretBaker:\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }

    static ConfigurationException fails(String yaml) {
        return fails(yaml, NO_OPTIONS);
    }

    static ConfigurationException fails(String yaml, ConfigOptions options) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> read(yaml, options));
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        return e;
    }

    static ConfigurationException sectionFails(String... lines) {
        return fails(withSection(lines));
    }
}
