package dev.secretbaker.springboot;

import static dev.secretbaker.frameworks.testing.FunctionEmulator.API_KEY;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.DB_PASSWORD;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.UNDECRYPTABLE;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.bake;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.bakeDefaultSecrets;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.decryptCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secretbaker.frameworks.testing.FunctionEmulator;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.runtime.KmsAccessDeniedException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Starts a real Spring Boot application that imports baked secrets with {@code spring.config.import}, its KMS
 * calls going to the emulator as the {@code function} principal (see the frameworks POM), and counts them in the
 * emulator's audit trail.
 */
class SpringBootConfigDataIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension emulator = FunctionEmulator.extension();

    @TempDir
    Path folder;

    @Test
    void valueAndConfigurationProperties_readBakedSecrets_withOneDecryptEach() {
        LocalAws aws = emulator.aws();
        Path file = bakeDefaultSecrets(aws, folder.resolve("secrets.json"));
        aws.audit().clear();

        try (ConfigurableApplicationContext context = start(FunctionApp.class,
                "spring.config.import=secret-baker:" + file,
                "app.db.url=jdbc:postgresql://db/app?password=${DB_PASSWORD}")) {
            Function function = context.getBean(Function.class);
            assertThat(function.apiKey).isEqualTo(API_KEY);
            assertThat(context.getBean(DbProperties.class).getUrl()).isEqualTo("jdbc:postgresql://db/app?password=" + DB_PASSWORD);
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(DB_PASSWORD);
        }
        assertThat(decryptCalls(aws)).hasSize(2);
    }

    @Test
    void start_withSecretsNobodyReads_makesNoKmsCall_andListsTheirNames() {
        LocalAws aws = emulator.aws();
        Path file = bakeDefaultSecrets(aws, folder.resolve("secrets.json"));
        aws.audit().clear();

        try (ConfigurableApplicationContext context = start(EmptyApp.class, "spring.config.import=secret-baker:" + file)) {
            PropertySource<?> source = bakedSource(context);
            assertThat(((EnumerablePropertySource<?>) source).getPropertyNames()).containsExactly("DB_PASSWORD", "API_KEY");
            assertThat(source.toString()).doesNotContain(DB_PASSWORD, API_KEY);
        }
        assertThat(decryptCalls(aws)).isEmpty();
    }

    @Test
    void prefix_namesEachPropertyAfterTheImportsPrefix() {
        Path file = bakeDefaultSecrets(emulator.aws(), folder.resolve("secrets.json"));

        try (ConfigurableApplicationContext context = start(EmptyApp.class,
                "spring.config.import=secret-baker:" + file + "?prefix=secrets.")) {
            assertThat(context.getEnvironment().getProperty("secrets.API_KEY")).isEqualTo(API_KEY);
            assertThat(context.getEnvironment().getProperty("API_KEY")).isNull();
        }
    }

    @Test
    void defaultLocation_readsTheFileWhereTheRuntimeLooks() {
        bakeDefaultSecrets(emulator.aws(), FunctionEmulator.defaultLocation());

        try (ConfigurableApplicationContext context = start(EmptyApp.class, "spring.config.import=secret-baker:")) {
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo(DB_PASSWORD);
        }
    }

    @Test
    void missingFile_failsTheStart_unlessTheImportIsOptional() {
        Path missing = folder.resolve("missing.json");

        assertThatThrownBy(() -> start(EmptyApp.class, "spring.config.import=secret-baker:" + missing).close())
                .isInstanceOf(ConfigDataResourceNotFoundException.class)
                .hasMessageContaining(missing.toString());
        try (ConfigurableApplicationContext context = start(EmptyApp.class,
                "spring.config.import=optional:secret-baker:" + missing)) {
            assertThat(context.getEnvironment().getProperty("DB_PASSWORD")).isNull();
        }
    }

    @Test
    void unknownLocationParameter_failsTheStart_namingIt() {
        assertThatThrownBy(() -> start(EmptyApp.class, "spring.config.import=secret-baker:?prefx=a.").close())
                .hasStackTraceContaining("Unknown parameter 'prefx=a.'");
    }

    @Test
    void accessDenied_failsTheStart_withSpringsFailureReport_namingTheStatementToAdd_withoutThePlaintext() {
        LocalAws aws = emulator.aws();
        Path file = bake(aws, folder.resolve("secrets.json"), "DB_PASSWORD", "/frameworks/undecryptable",
                "API_KEY", "/frameworks/api-key");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Throwable failure;
        try {
            failure = catchThrowable(() -> start(FunctionApp.class, "spring.config.import=secret-baker:" + file,
                    "app.db.url=${DB_PASSWORD}").close());
        } finally {
            System.setErr(previous);
        }

        assertThat(Stream.iterate(failure, Objects::nonNull, Throwable::getCause))
                .anyMatch(KmsAccessDeniedException.class::isInstance);
        String report = err.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("APPLICATION FAILED TO START", "Access denied decrypting secret 'DB_PASSWORD'",
                "Allow the function's role kms:Decrypt on the key: {\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\"");
        assertThat(report).doesNotContain(UNDECRYPTABLE);
    }

    @Test
    void actuatorEnvEndpoint_showsTheSecretsSanitised() throws Exception {
        Path file = bakeDefaultSecrets(emulator.aws(), folder.resolve("secrets.json"));

        try (ConfigurableApplicationContext context = start(ActuatorApp.class,
                "spring.config.import=secret-baker:" + file, "management.endpoints.web.exposure.include=env",
                "management.endpoints.jmx.exposure.include=env")) {
            String json = new ObjectMapper().writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));

            assertThat(json).contains("\"DB_PASSWORD\":{\"value\":\"******\"", "secret-baker:" + file)
                    .doesNotContain(DB_PASSWORD, API_KEY);
        }
    }

    private static ConfigurableApplicationContext start(Class<?> app, String... properties) {
        String[] all = Arrays.copyOf(properties, properties.length + 1);
        all[properties.length] = "spring.main.banner-mode=off";
        return new SpringApplicationBuilder(app).web(WebApplicationType.NONE).properties(all).run();
    }

    private static PropertySource<?> bakedSource(ConfigurableApplicationContext context) {
        return context.getEnvironment().getPropertySources().stream()
                .filter(source -> source.getName().contains("secret-baker:"))
                .findFirst().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class EmptyApp {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(DbProperties.class)
    static class FunctionApp {
        @Bean
        @Lazy(false)
        Function function(@Value("${API_KEY}") String apiKey) {
            return new Function(apiKey);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ActuatorApp {
    }

    record Function(String apiKey) {
    }

    @ConfigurationProperties("app.db")
    static class DbProperties {
        private String url;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }
    }
}
