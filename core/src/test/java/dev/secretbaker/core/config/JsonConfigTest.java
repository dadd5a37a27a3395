package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonConfigTest {

    private static List<SecretRequest> json(String json) {
        return SecretBakerConfig.fromJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigurationException jsonFails(String json) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> json(json));
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        return e;
    }

    @Test
    void listOfNamesAndObjects_isReadInOrder() {
        assertThat(json("[\"MY_SECRET\", {\"name\": \"CUSTOM\", \"path\": \"a/custom/path\"}, \"LAST\"]"))
                .extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("MY_SECRET", "MY_SECRET", "custom.secretBaker[0]"),
                        tuple("CUSTOM", "a/custom/path", "custom.secretBaker[1]"),
                        tuple("LAST", "LAST", "custom.secretBaker[2]"));
    }

    @Test
    void mapOfNamesToPaths_isReadInOrder() {
        assertThat(json("{\"Z\": \"/z\", \"PINNED\": \"/p:2\", \"A\": \"/a:prod\"}"))
                .extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("Z", "/z", "custom.secretBaker.Z"), tuple("PINNED", "/p:2", "custom.secretBaker.PINNED"),
                        tuple("A", "/a:prod", "custom.secretBaker.A"));
    }

    @Test
    void nullOrEmpty_meansNothingToBake() {
        assertThat(json("null")).isEmpty();
        assertThat(json(" [ ] ")).isEmpty();
        assertThat(json("{}")).isEmpty();
    }

    @Test
    void inputStream_isReadToTheEnd() {
        assertThat(SecretBakerConfig.fromJson(new ByteArrayInputStream("[\"A\"]\n".getBytes(StandardCharsets.UTF_8))))
                .extracting(SecretRequest::name).containsExactly("A");
    }

    @Test
    void escapedAndNonAsciiStrings_areDecoded() {
        assertThat(json("{\"caf\\u00e9\": \"/caf\\u00e9\", \"\u79d8\": \"/\u79d8\"}"))
                .extracting(SecretRequest::name).containsExactly("caf\u00e9", "\u79d8");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "[42]                            | custom.secretBaker[0] | but found a number (42)",
            "[true]                          | custom.secretBaker[0] | but found a boolean (true)",
            "[null]                          | custom.secretBaker[0] | but found nothing (null)",
            "[{\"name\": \"A\"}]             | custom.secretBaker[0] | the entry has no path",
            "[{\"path\": \"/a\"}]            | custom.secretBaker[0] | the entry has no name",
            "[{\"name\": \"A\", \"path\": \"/a\", \"x\": 1}] | custom.secretBaker[0] | unknown key 'x'",
            "[{\"name\": \"A\", \"path\": {}}] | custom.secretBaker[0] | but it is an object",
            "{\"A\": {\"path\": \"/a\"}}     | custom.secretBaker.A | but found an object",
            "{\"A\": 3}                      | custom.secretBaker.A | but found a number (3)",
            "{\"A\": null}                   | custom.secretBaker.A | the secret has no path",
            "{\"A\": \"\"}                   | custom.secretBaker.A | the path is empty",
            "[\"A\", \"A\"]                  | custom.secretBaker[1] | the secret name 'A' is already used by custom.secretBaker[0]",
            "[\"/a/${sls:stage}\"]           | custom.secretBaker[0] | holds an unresolved variable",
            "\"MY_SECRET\"                   | custom.secretBaker | but found a string",
            "7                               | custom.secretBaker | but found a number (7)",
    })
    void malformedEntry_isTheSameErrorAsInYaml(String json, String location, String problem) {
        ConfigurationException e = jsonFails(json);

        assertThat(e.location()).isEqualTo(location);
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void duplicateKeys_areRefusedAtEveryLevel() {
        assertThat(jsonFails("{\"A\": \"/a\", \"A\": \"/b\"}").getMessage()).contains("Duplicate field 'A'");
        assertThat(jsonFails("[{\"name\": \"A\", \"name\": \"B\", \"path\": \"/p\"}]").getMessage())
                .contains("Duplicate field 'name'");
    }

    @Test
    void invalidJson_isRefusedWithItsPosition() {
        assertThat(jsonFails("").getMessage()).contains("not valid JSON");
        assertThat(jsonFails("[\"A\"").getMessage()).contains("not valid JSON").contains("line 1");
        assertThat(jsonFails("[\"A\"] [\"B\"]").getMessage()).contains("not valid JSON");
        assertThat(jsonFails("[\"A\",]").getMessage()).contains("not valid JSON");
        assertThat(jsonFails("{'A': '/a'}").getMessage()).contains("not valid JSON");
        assertThat(jsonFails("- A").getMessage()).contains("not valid JSON");
    }

    @Test
    void hugeInput_isRefused() {
        byte[] huge = new byte[SecretBakerConfig.MAX_JSON_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');

        assertThat(catchThrowableOfType(ConfigurationException.class,
                () -> SecretBakerConfig.fromJson(new ByteArrayInputStream(huge))).getMessage()).contains("larger than");
    }

    @ParameterizedTest
    @CsvSource({
            "'\\u001b[2J', 'U+001B'",
            "'\\u0000', 'U+0000'",
            "'\\n', 'U+000A'",
            "'\\u202e', 'U+202E'",
            "'\\u2066', 'U+2066'"})
    void aSecretNameWithAControlOrBidiCharacter_isRefused_andTheMessageShowsItEscaped(String hostile, String code) {
        ConfigurationException map = jsonFails("{\"DB" + hostile + "X\": \"/p\"}");
        ConfigurationException item = jsonFails("[{\"name\": \"DB" + hostile + "X\", \"path\": \"/p\"}]");
        ConfigurationException plain = jsonFails("[\"DB" + hostile + "X\"]");

        for (ConfigurationException e : List.of(map, item, plain)) {
            assertThat(e.getMessage()).contains(code, "a name must be printable")
                    .doesNotContain("\u001b", "\u0000", "\n", "\u202e", "\u2066");
        }
    }

    @Test
    void aPathWithABidiOverride_isRefused_andTheMessageShowsItEscaped() {
        ConfigurationException e = jsonFails("{\"DB\": \"/app/\\u202eb\"}");

        assertThat(e.getMessage()).contains("/app/\\u202Eb", "control character").doesNotContain("\u202e");
    }
}
