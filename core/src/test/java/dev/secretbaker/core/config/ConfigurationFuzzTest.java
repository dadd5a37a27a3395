package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Outside input never fails with anything but a ConfigurationException, however it is corrupted. */
class ConfigurationFuzzTest {

    private static final String YAML = String.join("\n",
            "service: billing",
            "provider:",
            "  name: aws",
            "  stage: ${opt:stage, 'dev'}",
            "  environment:",
            "    TABLE: !Ref Table",
            "    SUBBED: !Sub '${AWS::StackName}-x'",
            "defaults: &defaults {memorySize: 512}",
            "functions:",
            "  a: {<<: *defaults, handler: h.a, secretBaker: {A_KEY: '/${sls:stage}/a'}}",
            "params:",
            "  default: {team: core}",
            "custom:",
            "  prefix: /${self:service}/${sls:stage}",
            "  secretBaker:",
            "    - MY_SECRET",
            "    - name: DB",
            "      path: ${self:custom.prefix}/db:2",
            "    - name: TEAM",
            "      path: /teams/${param:team}/${env:USER, 'x'}",
            "");

    private static final String JSON = "[\"MY_SECRET\", {\"name\": \"DB\", \"path\": \"/billing/prod/db:2\"}, "
            + "{\"name\": \"T\", \"path\": \"/t\"}]";

    private static final String PACKAGES_JSON = "{\"secretBaker\": [\"MY_SECRET\"], \"functions\": {\"a\": {\"A\": \"/a:2\"},"
            + " \"b\": [{\"name\": \"B\", \"path\": \"/b\"}]}, \"packages\": [{\"functions\": [\"a\"], \"file\": \"a.json\"},"
            + " {\"functions\": [\"b\", \"c\"], \"file\": \"b.json\"}]}";

    private static final byte[] ALPHABET = " \n\t-:{}[],&*!|>'\"#%@`$~?<0123456789abcDB.\\/".getBytes(StandardCharsets.US_ASCII);

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] mutated = valid.clone();
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            int at = random.nextInt(mutated.length);
            mutated[at] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return mutated;
    }

    @Test
    void corruptedServerlessYml_failsOnlyWithAConfigurationException() {
        ConfigOptions options = ConfigOptions.builder().environment(Map.of()).build();
        byte[] valid = YAML.getBytes(StandardCharsets.UTF_8);
        assertThat(SecretBakerConfig.fromServerlessYaml(valid, "serverless.yml", options)).hasSize(3);
        Random random = new Random(7);
        for (int round = 0; round < 5_000; round++) {
            byte[] mutated = mutate(valid, random);
            try {
                SecretBakerConfig.fromServerlessYaml(mutated, "serverless.yml", options);
            } catch (ConfigurationException expected) {
                assertThat(expected.location()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
    }

    @Test
    void corruptedServerlessYml_readForAFunction_failsOnlyWithAConfigurationException() {
        ConfigOptions options = ConfigOptions.builder().environment(Map.of()).build();
        byte[] valid = YAML.getBytes(StandardCharsets.UTF_8);
        assertThat(SecretBakerConfig.readServerlessYaml(valid, "serverless.yml", options, List.of("a")).secrets()).hasSize(4);
        Random random = new Random(13);
        for (int round = 0; round < 2_000; round++) {
            byte[] mutated = mutate(valid, random);
            try {
                SecretBakerConfig.readServerlessYaml(mutated, "serverless.yml", options, List.of("a"));
            } catch (ConfigurationException expected) {
                assertThat(expected.location()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
    }

    @Test
    void corruptedPackagesJson_failsOnlyWithAConfigurationException() {
        byte[] valid = PACKAGES_JSON.getBytes(StandardCharsets.UTF_8);
        assertThat(SecretBakerConfig.packagesFromJson(valid)).hasSize(2);
        Random random = new Random(17);
        for (int round = 0; round < 2_000; round++) {
            byte[] mutated = mutate(valid, random);
            try {
                SecretBakerConfig.packagesFromJson(mutated);
            } catch (ConfigurationException expected) {
                assertThat(expected.location()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
    }

    @Test
    void corruptedJson_failsOnlyWithAConfigurationException() {
        byte[] valid = JSON.getBytes(StandardCharsets.UTF_8);
        assertThat(SecretBakerConfig.fromJson(valid)).hasSize(3);
        Random random = new Random(11);
        for (int round = 0; round < 5_000; round++) {
            byte[] mutated = mutate(valid, random);
            try {
                SecretBakerConfig.fromJson(mutated);
            } catch (ConfigurationException expected) {
                assertThat(expected.location()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + round + ": " + new String(mutated, StandardCharsets.UTF_8), e);
            }
        }
    }
}
