package dev.secretbaker.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.ConfigurationException;
import dev.secretbaker.core.config.SecretEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsSourceTest {

    private final SecretsSource.PomSecrets pom = new SecretsSource.PomSecrets(List.of(SecretEntry.of("A")));
    private final SecretsSource.ServerlessFile yml =
            new SecretsSource.ServerlessFile(Path.of("/work/app/serverless.yml"), ConfigOptions.builder().stage("prod").build());

    @Test
    void pomSecrets_load_namesEachEntryCountingFromOneAsThePomReads() {
        List<String> sources = new SecretsSource.PomSecrets(List.of(SecretEntry.of("A"), SecretEntry.of("B")))
                .load().requests().stream().map(r -> r.source()).toList();

        assertThat(sources).containsExactly("<secrets><secret> #1", "<secrets><secret> #2");
        assertThat(pom.locate(null)).isNull();
    }

    @Test
    void pomSecrets_load_reportsAnEntryWithoutNameByPosition() {
        SecretsSource source = new SecretsSource.PomSecrets(List.of(SecretEntry.of("A"), new SecretEntry(null, "/b")));

        assertThatThrownBy(source::load).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(source.locate(e.location())).isEqualTo("<secrets><secret> #2"));
    }

    @Test
    void serverlessFile_load_reportsProviderRegion_andPomSecretsReportNone(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("serverless.yml");
        Files.writeString(file, "service: s\nprovider:\n  name: aws\n  region: eu-west-1\n"
                + "custom:\n  secretBaker:\n    - A\n");

        SecretsSource.Loaded loaded = new SecretsSource.ServerlessFile(file, ConfigOptions.builder().build()).load();

        assertThat(loaded.region()).contains("eu-west-1");
        assertThat(loaded.requests()).extracting(r -> r.name()).containsExactly("A");
        assertThat(pom.load().region()).isEmpty();
    }

    @Test
    void serverlessFile_locate_namesTheEntryAndTheFile() {
        assertThat(yml.locate("custom.secretBaker[2]")).isEqualTo("custom.secretBaker[2] in /work/app/serverless.yml");
        assertThat(yml.locate("serverless.yml")).isEqualTo("/work/app/serverless.yml");
        assertThat(yml.description()).isEqualTo("custom.secretBaker in /work/app/serverless.yml (stage prod)");
    }
}
