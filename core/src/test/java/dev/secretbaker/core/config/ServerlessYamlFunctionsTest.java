package dev.secretbaker.core.config;

import static dev.secretbaker.core.config.Yaml.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** functions.NAME.secretBaker read from serverless.yml for the package of some functions. */
class ServerlessYamlFunctionsTest {

    private static final String YAML = lines(
            "service: app",
            "provider:",
            "  name: aws",
            "  stage: ${opt:stage, 'dev'}",
            "custom:",
            "  secretBaker:",
            "    - SHARED",
            "    - name: DB",
            "      path: /app/${sls:stage}/db",
            "functions:",
            "  api:",
            "    handler: api.handle",
            "    secretBaker:",
            "      API_KEY: /app/${sls:stage}/api-key",
            "      DB: /app/${sls:stage}/api-db",
            "  worker:",
            "    handler: worker.handle",
            "    secretBaker:",
            "      - name: QUEUE",
            "        path: ${env:QUEUE_PATH}",
            "  broken:",
            "    handler: broken.handle",
            "    secretBaker: ${ssm:/not/supported}",
            "  plain:",
            "    handler: plain.handle",
            "    role: !GetAtt Role.Arn");

    private static final ConfigOptions OPTIONS = ConfigOptions.builder().stage("prod")
            .environment(Map.of("QUEUE_PATH", "/app/queue")).build();

    private static List<SecretRequest> read(String... functions) {
        return SecretBakerConfig.readServerlessYaml(YAML.getBytes(StandardCharsets.UTF_8), "serverless.yml", OPTIONS,
                List.of(functions)).secrets();
    }

    @Test
    void aFunctionsPackage_holdsTheServiceSecretsAndItsOwn_withItsEntryReplacingTheServicesOfTheSameName() {
        assertThat(read("api")).extracting(SecretRequest::name, SecretRequest::parameter, SecretRequest::source)
                .containsExactly(tuple("SHARED", "SHARED", "custom.secretBaker[0]"),
                        tuple("DB", "/app/prod/api-db", "functions.api.secretBaker.DB"),
                        tuple("API_KEY", "/app/prod/api-key", "functions.api.secretBaker.API_KEY"));
    }

    @Test
    void variablesInAFunctionsSection_areResolvedAsInCustomSecretBaker() {
        assertThat(read("worker")).extracting(SecretRequest::name, SecretRequest::parameter)
                .containsExactly(tuple("SHARED", "SHARED"), tuple("DB", "/app/prod/db"), tuple("QUEUE", "/app/queue"));
    }

    @Test
    void withoutFunctions_orForAFunctionWithoutSecrets_onlyTheServiceSecrets_andOtherSectionsAreNotRead() {
        assertThat(read()).extracting(SecretRequest::name).containsExactly("SHARED", "DB");
        assertThat(read("plain")).extracting(SecretRequest::name).containsExactly("SHARED", "DB");
    }

    @Test
    void aSharedPackage_refusesOneNameForTwoParameters() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> read("worker", "api"));

        assertThat(e.location()).isEqualTo("functions.api.secretBaker.DB");
        assertThat(e.problem()).contains("functions worker and api share one deployment package");
    }

    @Test
    void anUnsupportedVariableInARequestedFunctionsSection_isAnErrorNamingIt() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> read("broken"));

        assertThat(e.location()).isEqualTo("functions.broken.secretBaker");
    }

    @Test
    void anUnknownFunction_isAnErrorListingTheFunctions() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> read("nope"));

        assertThat(e.getMessage()).isEqualTo("functions.nope: there is no such function in serverless.yml"
                + " (functions: [api, worker, broken, plain])");
    }
}
