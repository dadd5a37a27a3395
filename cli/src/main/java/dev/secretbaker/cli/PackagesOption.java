package dev.secretbaker.cli;

import dev.secretbaker.core.config.PackageSecrets;
import dev.secretbaker.core.config.SecretBakerConfig;
import dev.secretbaker.format.BoundedFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * A Serverless service's deployment packages, each with its own secrets file: custom.secretBaker, each function's
 * own secretBaker and the packages, as the Serverless plugin resolves and passes them.
 */
final class PackagesOption {

    @Option(names = "--packages-json", paramLabel = "FILE|-",
            description = "The deployment packages of a Serverless service, from a JSON document (a file, or '-' for"
                    + " standard input): {\"secretBaker\": <custom.secretBaker>, \"functions\": {\"NAME\": <functions.NAME.secretBaker>},"
                    + " \"packages\": [{\"functions\": [\"NAME\"], \"file\": \"FILE\"}]}. A package holds the service's"
                    + " secrets and its functions' own; bake writes each package's file, status checks it."
                    + " Replaces --config and --config-json.")
    String packagesJson;

    boolean isGiven() {
        return packagesJson != null;
    }

    /** The packages; a usage error if a configuration was given as well. */
    List<PackageSecrets> load(CommandSpec spec, ConfigurationOptions configuration, InputStream stdin) {
        if (configuration.isGiven() || !configuration.functions.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Give either --packages-json or --config/--config-json/--function, not both.");
        }
        if (packagesJson.equals("-")) {
            return SecretBakerConfig.packagesFromJson(stdin);
        }
        Path file = Path.of(packagesJson);
        try {
            return SecretBakerConfig.packagesFromJson(BoundedFileReader.read(file, SecretBakerConfig.MAX_JSON_BYTES));
        } catch (NoSuchFileException e) {
            throw new CommandFailure("No such file: " + file + " (--packages-json).", e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot read " + file + " (--packages-json): " + e.getMessage(), e);
        }
    }
}
