package dev.secretbaker.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reader agrees with JavaScript's JSON.parse on what is a JSON value, for the texts in
 * {@code vectors-grammar/values.json} (see src/test/vectors/generate-grammar.js), placed where a member the
 * reader ignores goes.
 */
class SecretsFileGrammarTest {

    private static final String BEFORE = "{\"DB\":{\"ciphertext\":\"eA==\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/db\",\"u\":";
    private static final String AFTER = "}}";

    @SuppressWarnings("unchecked")
    private static List<String> cases(String verdict) {
        Map<String, Object> file = Vectors.loadJson("vectors-grammar/values.json");
        return (List<String>) file.get(verdict);
    }

    private static byte[] embedded(String value) {
        return (BEFORE + value + AFTER).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyValueJsonParseAccepts_isAccepted() {
        List<String> accepted = cases("accepted");
        assertThat(accepted).hasSizeGreaterThan(1000);
        for (String value : accepted) {
            try {
                assertThat(SecretsFile.read(embedded(value)).names()).as(value).containsExactly("DB");
            } catch (SecretsFileFormatException e) {
                // The one deliberate difference: JSON.parse keeps the last of repeated member names.
                assertThat(e.getMessage()).as(value).contains("appears more than once");
            }
        }
    }

    @Test
    void everyValueJsonParseRejects_isRejected() {
        List<String> rejected = cases("rejected");
        assertThat(rejected).hasSizeGreaterThan(1000);
        for (String value : rejected) {
            SecretsFileFormatException e = catchThrowableOfType(SecretsFileFormatException.class,
                    () -> SecretsFile.read(embedded(value)));
            assertThat(e).as("should be refused: " + value).isNotNull();
        }
    }
}
