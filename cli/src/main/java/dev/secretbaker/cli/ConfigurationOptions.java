package dev.secretbaker.cli;

import dev.secretbaker.core.config.ConfigOptions;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.config.ServerlessConfiguration;
import dev.secretbaker.format.BoundedFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the secrets to bake are configured: serverless.yml (default) or a resolved JSON document. */
final class ConfigurationOptions {

    static final String DEFAULT_CONFIG = "serverless.yml";

    @Option(names = "--config", paramLabel = "FILE",
            description = "serverless.yml whose custom.secretBaker section lists the secrets (default: ./" + DEFAULT_CONFIG + ").")
    Path config;

    @Option(names = "--config-json", paramLabel = "FILE|-",
            description = "The custom.secretBaker value as resolved JSON, from a file or '-' for standard input"
                    + " (what the Serverless plugin passes). Replaces --config.")
    String configJson;

    @Option(names = "--config-name", paramLabel = "WORDS", hidden = true,
            description = "How messages name the configuration given with --config-json, e.g. 'custom.secretBaker in"
                    + " serverless.yml' (what the Serverless plugin passes).")
    String configName;

    @Option(names = "--function", paramLabel = "NAME",
            description = "With serverless.yml: also the secrets of functions.NAME.secretBaker, as that function's"
                    + " package holds them (a function's entry replaces the service's of the same name); repeatable"
                    + " for a package several functions share.")
    List<String> functions = new ArrayList<>();

    @Option(names = "--stage", paramLabel = "STAGE", description = "Stage for $${sls:stage} and $${opt:stage}.")
    String stage;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A value for $${param:NAME}; repeatable.")
    List<String> params = new ArrayList<>();

    /** Whether a configuration was named on the command line (rather than the default ./serverless.yml). */
    boolean isGiven() {
        return config != null || configJson != null;
    }

    /**
     * What to bake, in configuration order, and the region a serverless.yml deploys to (none for JSON, which
     * the Serverless plugin sends with an explicit --region); a usage error if both sources are given.
     */
    Loaded load(CommandSpec spec, String region, InputStream stdin) {
        if (config != null && configJson != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give either --config or --config-json, not both.");
        }
        List<SecretRequest> requests;
        Optional<String> configuredRegion = Optional.empty();
        String from;
        if (configJson != null && !functions.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--function reads functions.NAME.secretBaker from serverless.yml; with JSON, use --packages-json.");
        }
        if (configJson != null) {
            from = configName != null ? configName : configJson.equals("-") ? "the JSON on standard input" : configJson;
            requests = configJson.equals("-") ? SecretBakerConfig.fromJson(stdin) : SecretBakerConfig.fromJson(readJson(Path.of(configJson)));
        } else {
            Path file = config == null ? Path.of(DEFAULT_CONFIG) : config;
            from = SecretBakerConfig.SERVERLESS_SECTION + " in " + file;
            if (config == null && !Files.exists(file)) {
                throw new CommandFailure("No " + DEFAULT_CONFIG + " in this folder. Point --config at one, or pass the"
                        + " secrets as JSON with --config-json.");
            }
            ConfigOptions.Builder options = ConfigOptions.builder().stage(stage).region(region);
            try {
                params.forEach(options::param);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            ServerlessConfiguration serverless = SecretBakerConfig.readServerlessYaml(file, options.build(), functions);
            requests = serverless.secrets();
            configuredRegion = serverless.region();
        }
        return new Loaded(requests, configuredRegion, from);
    }

    /** {@code from}: where the secrets were configured, for messages. */
    record Loaded(List<SecretRequest> requests, Optional<String> region, String from) {
    }

    /** Prints core's warning (such as {@link SecretBakerConfig#noSecretsBaked}) as the CLI prints notes. */
    static void warn(CommandSpec spec, String warning) {
        spec.commandLine().getErr().println("secret-baker: " + warning + ".");
        spec.commandLine().getErr().flush();
    }

    private static byte[] readJson(Path file) {
        try {
            return BoundedFileReader.read(file, SecretBakerConfig.MAX_JSON_BYTES);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("No such file: " + file + " (--config-json).", e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot read " + file + " (--config-json): " + e.getMessage(), e);
        }
    }
}
