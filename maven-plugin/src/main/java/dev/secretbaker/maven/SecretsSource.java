package dev.secretbaker.maven;

import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretEntry;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.config.ServerlessConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a build's secrets are configured: the POM's {@code <secrets>} or a {@code serverless.yml}. Each reads
 * its entries through core, which names them in the source's own terms ({@code <secrets><secret> #1},
 * {@code custom.secretBaker[2]}); a serverless.yml location also names the file.
 */
sealed interface SecretsSource permits SecretsSource.PomSecrets, SecretsSource.ServerlessFile {

    /** The validated secrets, in configuration order, and the region the configuration names, if any. */
    Loaded load();

    record Loaded(List<SecretRequest> requests, Optional<String> region) {
    }

    /** For log lines: where the secrets were read from. */
    String description();

    /** A location as core names it, with the file it is in where that is not plain. */
    String locate(String location);

    /** {@code <secrets><secret>...</secret></secrets>} in the plugin's configuration. */
    record PomSecrets(List<SecretEntry> entries) implements SecretsSource {

        public PomSecrets {
            entries = List.copyOf(entries);
        }

        @Override
        public Loaded load() {
            // Core words every message about an entry with the POM's name for it.
            return new Loaded(SecretBakerConfig.fromEntries(entries, index -> "<secrets><secret> #" + (index + 1)),
                    Optional.empty());
        }

        @Override
        public String description() {
            return "<secrets> in the POM";
        }

        @Override
        public String locate(String location) {
            return location;
        }
    }

    /** The {@code custom.secretBaker} section of a serverless.yml, with its variables resolved. */
    record ServerlessFile(Path file, ConfigOptions options) implements SecretsSource {

        @Override
        public Loaded load() {
            ServerlessConfiguration configuration = SecretBakerConfig.readServerlessYaml(file, options);
            return new Loaded(configuration.secrets(), configuration.region());
        }

        @Override
        public String description() {
            return SecretBakerConfig.SERVERLESS_SECTION + " in " + file
                    + options.stage().map(stage -> " (stage " + stage + ")").orElse("");
        }

        @Override
        public String locate(String location) {
            if (location == null) {
                return null;
            }
            String fileName = String.valueOf(file.getFileName());
            // Core names the file by its name alone when the whole file is at fault.
            return location.equals(fileName) ? file.toString() : location + " in " + file;
        }
    }
}
