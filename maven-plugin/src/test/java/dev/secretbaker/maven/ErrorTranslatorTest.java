package dev.secretbaker.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.OutputFileException;
import dev.secretbaker.core.config.ConfigurationException;
import dev.secretbaker.core.config.SecretEntry;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class ErrorTranslatorTest {

    private final SecretsSource pom = new SecretsSource.PomSecrets(List.of(SecretEntry.of("A")));

    @Test
    void bakeException_becomesAFailureWithEveryProblemInThePomsTerms() {
        // Core names each entry as the POM reads it when it loads them.
        List<String> sources = new SecretsSource.PomSecrets(List.of(new SecretEntry("DB", "/app/db"),
                new SecretEntry("KEY", "/app/key"))).load().requests().stream().map(r -> r.source()).toList();
        BakeException bake = new BakeException(List.of(
                new BakeProblem("DB", "/app/db", sources.get(0), "the parameter does not exist", "Create it."),
                new BakeProblem("KEY", "/app/key", sources.get(1), "it is a String, not a SecureString",
                        "Store it as a SecureString.")));

        Throwable thrown = catchThrowable(() -> ErrorTranslator.rethrow(bake, pom));

        assertThat(thrown).isInstanceOf(MojoFailureException.class).hasNoCause();
        assertThat(thrown.getMessage())
                .startsWith("Cannot bake: 2 problems with 2 secrets.")
                .contains("DB (parameter /app/db, configured at <secrets><secret> #1): the parameter does not exist")
                .contains("KEY (parameter /app/key, configured at <secrets><secret> #2): it is a String")
                .contains("Fix: Create it.")
                .contains("Fix: Store it as a SecureString.")
                .doesNotContain("secrets[");
    }

    @Test
    void configurationException_becomesAFailureNamingTheEntry() {
        ConfigurationException invalid = (ConfigurationException) catchThrowable(() ->
                new SecretsSource.PomSecrets(List.of(SecretEntry.of("A"), SecretEntry.of("A"))).load());

        assertThatThrownBy(() -> ErrorTranslator.rethrow(invalid, pom))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Invalid secret-baker configuration: <secrets><secret> #2: the secret name 'A' is already"
                        + " used by <secrets><secret> #1; each secret needs its own name");
    }

    @Test
    void outputFileException_keepsCoresMessage() {
        OutputFileException output = new OutputFileException(Path.of("/x"), "Cannot write /x: disk full", null);

        assertThatThrownBy(() -> ErrorTranslator.rethrow(output, null))
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Cannot write /x: disk full");
    }

    @Test
    void anythingElse_isAnExecutionErrorWithItsCause() {
        IllegalStateException defect = new IllegalStateException("boom");

        assertThatThrownBy(() -> ErrorTranslator.rethrow(defect, null))
                .isInstanceOf(MojoExecutionException.class)
                .hasCause(defect);
    }
}
