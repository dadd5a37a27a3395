package dev.secretbaker.micronaut;

import static dev.secretbaker.frameworks.testing.FunctionEmulator.API_KEY;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.DB_PASSWORD;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.UNDECRYPTABLE;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.bake;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.bakeDefaultSecrets;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.decryptCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.secretbaker.frameworks.testing.FunctionEmulator;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.runtime.BakedSecrets;
import dev.secretbaker.runtime.KmsAccessDeniedException;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts real Micronaut 4 application contexts with the module on the class path, their KMS calls going to the
 * emulator as the {@code function} principal.
 */
class MicronautPropertySourceIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension emulator = FunctionEmulator.extension();

    @TempDir
    Path folder;

    /**
     * Every context of this class loads the discovered source, whose client (the JVM's default one) reads the
     * default location once: bake it before the first context starts.
     */
    @BeforeAll
    static void bakeTheDefaultLocation() {
        bakeDefaultSecrets(emulator.aws(), FunctionEmulator.defaultLocation());
    }

    @Test
    void discoveredSource_readsBakedSecrets_underTheirNamesAndDottedNames_decryptingOnFirstReadOnly() {
        LocalAws aws = emulator.aws();
        aws.audit().clear();

        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("app.db.url", "jdbc:postgresql://db/app?password=${DB_PASSWORD}"))
                .start()) {
            assertThat(decryptCalls(aws)).as("starting the context decrypts nothing").isEmpty();
            assertThat(context.containsProperty("API_KEY")).isTrue();

            assertThat(context.getProperty("app.db.url", String.class)).contains("jdbc:postgresql://db/app?password=" + DB_PASSWORD);
            assertThat(context.getProperty("DB_PASSWORD", String.class)).contains(DB_PASSWORD);
            assertThat(context.getProperty("db.password", String.class)).contains(DB_PASSWORD);
            assertThat(decryptCalls(aws)).hasSize(1);
        }
    }

    @Test
    void systemProperty_overridesTheBakedSecret_withoutAKmsCall() {
        LocalAws aws = emulator.aws();
        Path file = bakeDefaultSecrets(aws, folder.resolve("secrets.json"));
        aws.audit().clear();
        System.setProperty("api.key", "local-override");
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(BakedSecretsPropertySourceLoader.propertySource(BakedSecrets.builder().file(file).build()))
                .start()) {
            assertThat(context.getProperty("api.key", String.class)).contains("local-override");
        } finally {
            System.clearProperty("api.key");
        }
        assertThat(decryptCalls(aws)).isEmpty();
    }

    @Test
    void ownSource_readsItsFile() {
        Path file = bake(emulator.aws(), folder.resolve("secrets.json"), "OTHER_API_KEY", "/frameworks/api-key");

        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(BakedSecretsPropertySourceLoader.propertySource(BakedSecrets.builder().file(file).build()))
                .start()) {
            assertThat(context.getProperty("other.api.key", String.class)).contains(API_KEY);
        }
    }

    @Test
    void accessDenied_throwsTheRuntimesError_namingTheStatement_withoutThePlaintext() {
        Path file = bake(emulator.aws(), folder.resolve("secrets.json"), "UNDECRYPTABLE", "/frameworks/undecryptable");

        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(BakedSecretsPropertySourceLoader.propertySource(BakedSecrets.builder().file(file).build()))
                .start()) {
            Throwable failure = catchThrowable(() -> context.getProperty("UNDECRYPTABLE", String.class));

            assertThat(Stream.iterate(failure, Objects::nonNull, Throwable::getCause))
                    .anyMatch(KmsAccessDeniedException.class::isInstance)
                    .allSatisfy(t -> assertThat(String.valueOf(t.getMessage())).doesNotContain(UNDECRYPTABLE));
            assertThat(failure).hasStackTraceContaining("\"Action\":\"kms:Decrypt\"");
        }
    }
}
