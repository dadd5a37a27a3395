package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntriesConfigTest {

    private static ConfigurationException entriesFail(SecretEntry... entries) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> SecretBakerConfig.fromEntries(Arrays.asList(entries)));
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        return e;
    }

    @Test
    void entries_areValidatedInOrder_withAMissingPathMeaningTheName() {
        assertThat(SecretBakerConfig.fromEntries(List.of(SecretEntry.of("DB", "/app/db:3"), SecretEntry.of("API_KEY"))))
                .containsExactly(new SecretRequest("DB", "/app/db:3", "secrets[0]"),
                        new SecretRequest("API_KEY", "API_KEY", "secrets[1]"));
    }

    @Test
    void noEntries_isNothingToBake() {
        assertThat(SecretBakerConfig.fromEntries(List.of())).isEmpty();
    }

    @Test
    void entryWithoutName_isAnErrorNamingItsPosition() {
        ConfigurationException e = entriesFail(SecretEntry.of("A"), new SecretEntry(null, "/p"));

        assertThat(e.location()).isEqualTo("secrets[1]");
        assertThat(e.getMessage()).contains("has no name");
    }

    @Test
    void nullEntry_isAnError() {
        assertThat(entriesFail(SecretEntry.of("A"), null).location()).isEqualTo("secrets[1]");
    }

    @Test
    void emptyNameOrPath_isAnError() {
        assertThat(entriesFail(SecretEntry.of("")).getMessage()).contains("the secret name is empty");
        assertThat(entriesFail(SecretEntry.of("A", "")).getMessage()).contains("the path is empty");
        assertThat(entriesFail(SecretEntry.of("A", "/a b")).getMessage()).contains("contains whitespace");
    }

    @Test
    void duplicateName_isAnErrorNamingBoth() {
        ConfigurationException e = entriesFail(SecretEntry.of("A", "/a"), SecretEntry.of("B"), SecretEntry.of("A", "/c"));

        assertThat(e.location()).isEqualTo("secrets[2]");
        assertThat(e.getMessage()).contains("'A' is already used by secrets[0]");
    }

    @Test
    void fromValue_acceptsAPlainMapOfNamesToPaths() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Z", "/z");
        map.put("A", "/a:2");

        assertThat(SecretBakerConfig.fromValue(map, "secretBaker"))
                .extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("Z", "/z", "secretBaker.Z"), tuple("A", "/a:2", "secretBaker.A"));
    }

    @Test
    void fromValue_acceptsAPlainListOfNamesAndMaps() {
        assertThat(SecretBakerConfig.fromValue(List.of("A", Map.of("name", "B", "path", "/b")), "custom.secretBaker"))
                .extracting(SecretRequest::name, SecretRequest::parameter).containsExactly(tuple("A", "A"), tuple("B", "/b"));
    }

    @Test
    void fromValue_refusesOtherTypes() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> SecretBakerConfig.fromValue(List.of(new Object()), "x"));

        assertThat(e.location()).isEqualTo("x[0]");
        assertThat(e.getMessage()).contains("a value of type Object");
    }

    @Test
    void configOptions_parseParamAssignments() {
        ConfigOptions options = ConfigOptions.builder().param("url=https://x/?a=b").param("empty=").build();

        assertThat(options.params()).containsEntry("url", "https://x/?a=b").containsEntry("empty", "");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ConfigOptions.builder().param("novalue")))
                .hasMessageContaining("name=value");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ConfigOptions.builder().param("=v")))
                .isNotNull();
    }

    @Test
    void configOptions_parseOptionAssignments_andFeedOpt() {
        ConfigOptions options = ConfigOptions.builder().option("tenant=acme").option("stage=prod")
                .environment(Map.of()).build();

        assertThat(options.options()).containsEntry("tenant", "acme");
        assertThat(options.stage()).contains("prod");
        assertThat(Yaml.read("service: a\ncustom:\n  secretBaker:\n    A: /${opt:tenant}/${sls:stage}\n", options))
                .extracting(SecretRequest::parameter).containsExactly("/acme/prod");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> ConfigOptions.builder().option("tenant")))
                .hasMessageContaining("name=value");
    }

    @Test
    void configOptions_toStringShowsNamesButNoValues() {
        ConfigOptions options = ConfigOptions.builder().stage("prod").param("token", "s3cr3t-value").build();

        assertThat(options.toString()).contains("token").contains("stage").doesNotContain("s3cr3t-value").doesNotContain("prod");
    }

    @Test
    void configOptions_byDefault_useTheProcessEnvironment() {
        assertThat(ConfigOptions.defaults().environment()).isEqualTo(System.getenv());
        assertThat(ConfigOptions.defaults().stage()).isEmpty();
    }

    @Test
    void fromEntries_withTheFrontEndsEntryNames_wordsEveryLocationThatWay() {
        List<SecretEntry> entries = List.of(SecretEntry.of("DB", "/db"), SecretEntry.of("DB", "/other"));

        assertThatThrownBy(() -> SecretBakerConfig.fromEntries(entries, i -> "<secrets><secret> #" + (i + 1)))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.location()).isEqualTo("<secrets><secret> #2"))
                .hasMessageContaining("already used by <secrets><secret> #1")
                .hasMessageNotContaining("secrets[");
        assertThat(SecretBakerConfig.fromEntries(List.of(SecretEntry.of("A")), i -> "entry " + i).get(0).source())
                .isEqualTo("entry 0");
    }

    @Test
    void noSecretsWarnings_sayWhereAndWhatTheBakeDid() {
        assertThat(SecretBakerConfig.noSecretsBaked("custom.secretBaker in serverless.yml"))
                .startsWith("no secrets are configured in custom.secretBaker in serverless.yml")
                .contains("holds an empty object ({})");
        assertThat(SecretBakerConfig.noSecretsToVerify("<secrets> in the POM")).contains("nothing to verify");
    }
}
