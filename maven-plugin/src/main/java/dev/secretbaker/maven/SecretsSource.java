package dev.secretbaker.maven;

import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretEntry;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.config.ServerlessConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a build's secrets are configured: the POM's {@code <secrets>} or a {@code serverless.yml}. Each reads
 * its entries through core and words core's locations ({@code secrets[0]}, {@code custom.secretBaker[2]}) the
 * way a reader of that file finds them.
 */
sealed interface SecretsSource permits SecretsSource.PomSecrets, SecretsSource.ServerlessFile {

    /** The validated secrets, in configuration order, and the region the configuration names, if any. */
    Loaded load();

    record Loaded(List<SecretRequest> requests, Optional<String> region) {
    }

    /** For log lines: where the secrets were read from. */
    String description();

    /** A location as core names it, in this source's own words. */
    String locate(String location);

    /** A message from core with the locations it mentions in this source's own words. */
    default String reword(String text) {
        return text;
    }

    /** {@code <secrets><secret>...</secret></secrets>} in the plugin's configuration. */
    record PomSecrets(List<SecretEntry> entries) implements SecretsSource {

        private static final Pattern ENTRY = Pattern.compile(Pattern.quote(SecretBakerConfig.ENTRIES_ROOT) + "\\[(\\d+)]");

        public PomSecrets {
            entries = List.copyOf(entries);
        }

        @Override
        public Loaded load() {
            return new Loaded(SecretBakerConfig.fromEntries(entries), Optional.empty());
        }

        @Override
        public String description() {
            return "<secrets> in the POM";
        }

        @Override
        public String locate(String location) {
            if (location == null) {
                return null;
            }
            Matcher entry = ENTRY.matcher(location);
            return entry.matches() ? inPom(entry) : location;
        }

        @Override
        public String reword(String text) {
            return text == null ? null : ENTRY.matcher(text).replaceAll(entry -> Matcher.quoteReplacement(inPom(entry)));
        }

        private static String inPom(MatchResult entry) {
            return "<secrets><secret> #" + (Integer.parseInt(entry.group(1)) + 1);
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
