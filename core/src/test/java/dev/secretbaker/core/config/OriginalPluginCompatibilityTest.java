package dev.secretbaker.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configuration in, file bytes out: for every vector under {@code config/vectors} (written by its generate.js,
 * which applies the original plugin's rules and JavaScript's JSON.stringify), reading the serverless.yml and
 * baking the same SSM answers gives exactly the bytes the original plugin writes.
 */
class OriginalPluginCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Vector(String name, JsonNode content, byte[] expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> vectors() throws IOException, URISyntaxException {
        Path folder = Path.of(OriginalPluginCompatibilityTest.class.getResource("/config/vectors").toURI());
        List<Vector> vectors = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json"))
                    .sorted().toList()) {
                String name = file.getFileName().toString().replace(".json", "");
                vectors.add(new Vector(name, JSON.readTree(file.toFile()),
                        Files.readAllBytes(folder.resolve(name + ".expected.json"))));
            }
        }
        return vectors.stream();
    }

    @Test
    void vectors_coverEveryConfigurationOfTheOriginalsReadme() throws Exception {
        assertThat(vectors().map(Vector::name)).contains("readme-list", "readme-map", "readme-pinned-version",
                "readme-name-and-path", "readme-mixed", "example-project", "no-section");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void serverlessYml_bakesToTheBytesTheOriginalPluginWrites(Vector vector) {
        List<SecretRequest> requests = SecretBakerConfig.fromServerlessYaml(
                vector.content().get("serverlessYml").asText().getBytes(StandardCharsets.UTF_8), "serverless.yml",
                options(vector.content().get("options")));

        assertThat(new String(bake(requests, vector.content().get("answers")), StandardCharsets.UTF_8))
                .as(vector.content().get("description").asText())
                .isEqualTo(new String(vector.expected(), StandardCharsets.UTF_8));
        assertThat(bake(requests, vector.content().get("answers"))).isEqualTo(vector.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void frameworkResolvedJson_readsToTheSameSecretsAsTheYaml(Vector vector) throws IOException {
        byte[] resolved = JSON.writeValueAsBytes(vector.content().get("config"));

        List<SecretRequest> fromJson = SecretBakerConfig.fromJson(resolved);
        List<SecretRequest> fromYaml = SecretBakerConfig.fromServerlessYaml(
                vector.content().get("serverlessYml").asText().getBytes(StandardCharsets.UTF_8), "serverless.yml",
                options(vector.content().get("options")));

        // In any order: a JavaScript object already lists array-index names first, the file order is the same.
        assertThat(fromJson).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactlyInAnyOrderElementsOf(fromYaml.stream()
                        .map(r -> org.assertj.core.groups.Tuple.tuple(r.name(), r.parameter())).toList());
        assertThat(bake(fromJson, vector.content().get("answers"))).isEqualTo(vector.expected());
    }

    private static byte[] bake(List<SecretRequest> requests, JsonNode answers) {
        List<BakedSecret> secrets = new ArrayList<>();
        for (SecretRequest request : requests) {
            JsonNode answer = answers.get(request.parameter());
            assertThat(answer).as("an SSM answer for " + request.parameter()).isNotNull();
            secrets.add(new BakedSecret(request.name(), answer.get("Value").asText(), answer.get("ARN").asText()));
        }
        return SecretsFile.of(secrets).toJson();
    }

    private static ConfigOptions options(JsonNode node) {
        ConfigOptions.Builder builder = ConfigOptions.builder().environment(Map.of());
        if (node == null) {
            return builder.build();
        }
        node.fields().forEachRemaining(field -> {
            switch (field.getKey()) {
                case "params" -> field.getValue().fields().forEachRemaining(p -> builder.param(p.getKey(), p.getValue().asText()));
                case "environment" -> {
                    Map<String, String> environment = new HashMap<>();
                    field.getValue().fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
                    builder.environment(environment);
                }
                default -> builder.option(field.getKey(), field.getValue().asText());
            }
        });
        return builder.build();
    }
}
