package dev.secretbaker.microprofile;

import static dev.secretbaker.frameworks.testing.FunctionEmulator.API_KEY;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.DB_PASSWORD;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.UNDECRYPTABLE;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.bake;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.bakeDefaultSecrets;
import static dev.secretbaker.frameworks.testing.FunctionEmulator.decryptCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.frameworks.testing.FunctionEmulator;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.runtime.BakedSecrets;
import dev.secretbaker.runtime.KmsAccessDeniedException;
import dev.secretbaker.runtime.SecretsFileNotFoundException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds real SmallRye Config instances (the MicroProfile Config implementation of Quarkus) with the baked
 * secrets' source, its KMS calls going to the emulator as the {@code function} principal.
 */
class MicroProfileConfigSourceIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension emulator = FunctionEmulator.extension();

    @TempDir
    Path folder;

    @Test
    void discoveredSource_readsBakedSecrets_decryptingOnFirstReadOnly() {
        LocalAws aws = emulator.aws();
        bakeDefaultSecrets(aws, FunctionEmulator.defaultLocation());
        aws.audit().clear();

        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().addDefaultInterceptors().addDiscoveredSources()
                .withSources(new PropertiesConfigSource(Map.of("app.db.url", "jdbc:postgresql://db/app?password=${DB_PASSWORD}"),
                        "application.properties", 250))
                .build();
        assertThat(decryptCalls(aws)).as("building the configuration decrypts nothing").isEmpty();
        assertThat(config.getPropertyNames()).contains("DB_PASSWORD", "API_KEY");
        assertThat(decryptCalls(aws)).as("listing the names decrypts nothing").isEmpty();

        assertThat(config.getValue("app.db.url", String.class)).isEqualTo("jdbc:postgresql://db/app?password=" + DB_PASSWORD);
        assertThat(config.getValue("DB_PASSWORD", String.class)).isEqualTo(DB_PASSWORD);
        assertThat(decryptCalls(aws)).hasSize(1);
        assertThat(config.getConfigSources()).filteredOn(s -> s.getName().equals("secret-baker"))
                .extracting(ConfigSource::getOrdinal).containsExactly(BakedSecretsConfigSource.DEFAULT_ORDINAL);
    }

    @Test
    void systemProperty_overridesTheBakedSecret_withoutAKmsCall() {
        LocalAws aws = emulator.aws();
        Path file = bakeDefaultSecrets(aws, folder.resolve("secrets.json"));
        aws.audit().clear();
        System.setProperty("API_KEY", "local-override");
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources()
                    .withSources(new BakedSecretsConfigSource(BakedSecrets.builder().file(file).build(), "", 270))
                    .build();

            assertThat(config.getValue("API_KEY", String.class)).isEqualTo("local-override");
        } finally {
            System.clearProperty("API_KEY");
        }
        assertThat(decryptCalls(aws)).isEmpty();
    }

    @Test
    void configMapping_bindsPrefixedSecrets() {
        Path file = bakeDefaultSecrets(emulator.aws(), folder.resolve("secrets.json"));

        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(Secrets.class)
                .withSources(new BakedSecretsConfigSource(BakedSecrets.builder().file(file).build(), "secrets.", 270))
                .build();

        Secrets secrets = config.getConfigMapping(Secrets.class);
        assertThat(secrets.dbPassword()).isEqualTo(DB_PASSWORD);
        assertThat(secrets.apiKey()).isEqualTo(API_KEY);
    }

    @Test
    void getProperties_decryptsOnlyTheValuesRead() {
        LocalAws aws = emulator.aws();
        Path file = bakeDefaultSecrets(aws, folder.resolve("secrets.json"));
        aws.audit().clear();
        BakedSecretsConfigSource source = new BakedSecretsConfigSource(BakedSecrets.builder().file(file).build(), "", 270);

        Map<String, String> properties = source.getProperties();

        assertThat(properties).hasSize(2).containsKey("API_KEY").hasToString("[DB_PASSWORD, API_KEY]");
        assertThat(decryptCalls(aws)).isEmpty();
        assertThat(properties.get("API_KEY")).isEqualTo(API_KEY);
        assertThat(decryptCalls(aws)).hasSize(1);
    }

    @Test
    void ownSource_withoutItsFile_throwsThePlacesTried() throws Exception {
        // Nothing in the runtime's usual places either (another test may have baked the default location).
        Files.deleteIfExists(FunctionEmulator.defaultLocation());
        BakedSecretsConfigSource source = new BakedSecretsConfigSource(
                BakedSecrets.builder().file(folder.resolve("missing.json")).build(), "", 270);

        assertThatThrownBy(source::getPropertyNames).isInstanceOf(SecretsFileNotFoundException.class)
                .hasMessageContaining("missing.json");
    }

    @Test
    void accessDenied_throwsTheRuntimesError_namingTheStatement_withoutThePlaintext() {
        Path file = bake(emulator.aws(), folder.resolve("secrets.json"), "DB_PASSWORD", "/frameworks/undecryptable");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new BakedSecretsConfigSource(BakedSecrets.builder().file(file).build(), "", 270))
                .build();

        assertThatThrownBy(() -> config.getValue("DB_PASSWORD", String.class))
                .isInstanceOf(KmsAccessDeniedException.class)
                .hasMessageContaining("\"Action\":\"kms:Decrypt\"")
                .hasMessageNotContaining(UNDECRYPTABLE);
    }

    @ConfigMapping(prefix = "secrets")
    interface Secrets {
        @WithName("DB_PASSWORD")
        String dbPassword();

        @WithName("API_KEY")
        String apiKey();
    }
}
