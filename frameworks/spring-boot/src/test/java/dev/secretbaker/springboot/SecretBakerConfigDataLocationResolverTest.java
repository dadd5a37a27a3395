package dev.secretbaker.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SecretBakerConfigDataLocationResolverTest {

    @Test
    void parse_emptyValue_meansTheRuntimesUsualPlacesAndNoPrefix() {
        SecretBakerConfigDataResource resource = SecretBakerConfigDataLocationResolver.parse("", false, "secret-baker:");

        assertThat(resource.file()).isNull();
        assertThat(resource.prefix()).isEmpty();
    }

    @Test
    void parse_fileAndPrefix_keepsBoth() {
        SecretBakerConfigDataResource resource = SecretBakerConfigDataLocationResolver.parse(
                "/var/task/other.json?prefix=secrets.", true, "optional:secret-baker:/var/task/other.json?prefix=secrets.");

        assertThat(resource.file()).isEqualTo(Path.of("/var/task/other.json"));
        assertThat(resource.prefix()).isEqualTo("secrets.");
        assertThat(resource).hasToString("secret-baker:/var/task/other.json?prefix=secrets.");
    }

    @Test
    void parse_sameFileAndPrefix_isTheSameResource() {
        assertThat(SecretBakerConfigDataLocationResolver.parse("?prefix=a.", false, "x"))
                .isEqualTo(SecretBakerConfigDataLocationResolver.parse("?prefix=a.", true, "y"))
                .isNotEqualTo(SecretBakerConfigDataLocationResolver.parse("?prefix=b.", false, "x"));
    }

    @Test
    void parse_unknownParameter_throwsNamingItAndTheForm() {
        assertThatThrownBy(() -> SecretBakerConfigDataLocationResolver.parse("?region=eu-west-1", false,
                "secret-baker:?region=eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown parameter 'region=eu-west-1'")
                .hasMessageContaining("[optional:]secret-baker:[<file>][?prefix=<prefix>]");
    }
}
