package dev.secretbaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BakeExceptionTest {

    @Test
    void message_listsEveryProblemWithItsFix_namingSecretParameterAndSource() {
        BakeException e = new BakeException(List.of(
                new BakeProblem("DB", "/app/db", "custom.secretBaker[0]", "It is a String parameter.", "Store it as a SecureString."),
                new BakeProblem("API", "/app/api", null, "It does not exist.", "Create it."),
                BakeProblem.ofRun("Parameter Store could not be reached.", "Check the network.")));

        assertThat(e.getMessage())
                .startsWith("Cannot bake: 3 problems with 2 secrets.")
                .contains("  - DB (parameter /app/db, configured at custom.secretBaker[0]): It is a String parameter.")
                .contains("    Fix: Store it as a SecureString.")
                .contains("  - API (parameter /app/api): It does not exist.")
                .contains("  - Parameter Store could not be reached.");
        assertThat(e.problems()).hasSize(3);
    }

    @Test
    void aBakeExceptionWithoutProblems_isAMistake() {
        assertThatThrownBy(() -> new BakeException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
