package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.ConfigurationException;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.PrintableText;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configuration readers (serverless.yml and the JSON form): any bytes give secret requests, or a
 * {@link ConfigurationException}; nothing else is thrown, nothing hangs (alias bombs, deep nesting, huge
 * scalars are in the corpus).
 */
class ConfigurationFuzzTest {

    private static final ConfigOptions OPTIONS = ConfigOptions.builder().stage("dev").region("us-east-1").build();
    private static final AtomicLong YAML_EXECUTIONS = new AtomicLong();
    private static final AtomicLong JSON_EXECUTIONS = new AtomicLong();

    @FuzzTest
    void serverlessYaml(byte[] input) {
        YAML_EXECUTIONS.incrementAndGet();
        try {
            assertWellFormed(SecretBakerConfig.fromServerlessYaml(input, "serverless.yml", OPTIONS));
        } catch (ConfigurationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    void json(byte[] input) {
        JSON_EXECUTIONS.incrementAndGet();
        try {
            assertWellFormed(SecretBakerConfig.fromJson(input));
        } catch (ConfigurationException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    private static void assertWellFormed(List<SecretRequest> requests) {
        for (SecretRequest request : requests) {
            assertThat(request.name()).isNotNull();
            assertThat(request.parameter()).isNotNull();
            // Names and paths are printed by every front end: nothing a terminal would act on gets through.
            assertThat(PrintableText.firstUnprintable(request.name())).isEqualTo(-1);
            assertThat(PrintableText.firstUnprintable(request.parameter())).isEqualTo(-1);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, wide enough for a loaded 2-core machine
    void serverlessYaml_seededMutationsOfTheCorpus() {
        List<byte[]> dictionary = SecretsFileFuzzTest.tokens("custom:", "secretBaker:", "\n  - ", "\n    ", "name: ",
                "path: ", "${sls:stage}", "${opt:stage, 'dev'}", "${self:custom.x}", "${env:HOME}", "${param:p}",
                "${ssm:/x}", "!Ref X", "!Sub ", "&a ", "*a", "<<: *a", "[", "{", "? ", "---\n", "%YAML 1.2\n", "\t", ":");
        for (byte[] input : FuzzInputs.mutations(FuzzInputs.corpus(ConfigurationFuzzTest.class, "serverlessYaml"), 7_002L,
                10_000, dictionary)) {
            serverlessYaml(input);
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard, wide enough for a loaded 2-core machine
    void json_seededMutationsOfTheCorpus() {
        List<byte[]> dictionary = SecretsFileFuzzTest.tokens("{", "}", "[", "]", "\"name\"", "\"path\"", ":", ",",
                "\"secrets\"", "null", "true", "1", "\"\\ud800\"", "[".repeat(64));
        for (byte[] input : FuzzInputs.mutations(FuzzInputs.corpus(ConfigurationFuzzTest.class, "json"), 7_003L,
                10_000, dictionary)) {
            json(input);
        }
    }

    @AfterAll
    static void figures() {
        Figures.of(ConfigurationFuzzTest.class).put("serverlessYamlExecutions", YAML_EXECUTIONS.get())
                .put("jsonExecutions", JSON_EXECUTIONS.get());
    }
}
