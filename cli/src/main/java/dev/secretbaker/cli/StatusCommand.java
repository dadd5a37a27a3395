package dev.secretbaker.cli;

import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.status.BakedSecretsSource;
import dev.secretbaker.core.status.StatusChecker;
import dev.secretbaker.core.status.StatusReport;
import dev.secretbaker.format.SecretsFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
                "Tells for each baked secret whether Parameter Store still holds what was baked: current, stale (a newer"
                        + " version exists: bake and deploy again), pinned (baked from a version or label that still"
                        + " selects it), gone (deleted) or unknown (and why). Never decrypts; prints no value or ciphertext.",
                "Reads the baked secrets from --file (a secrets file, or a jar or zip that holds one, such as a"
                        + " deployment package) and, to tell pinned secrets, the configuration as 'bake' does.",
                "Exit codes: 0 all current or pinned, 3 something stale or gone, 1 a state could not be told or an"
                        + " error, 2 usage error."})
final class StatusCommand implements Callable<Integer> {

    static final int EXIT_REDEPLOY = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration;

    @Mixin
    AwsOptions aws;

    @Option(names = "--file", paramLabel = "FILE|ARTIFACT", defaultValue = SecretsFile.FILE_NAME,
            description = "The secrets file, or a jar or zip holding it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--json", description = "Print the states as one JSON object (ARNs and versions, never a value).")
    boolean json;

    @Override
    public Integer call() {
        List<SecretRequest> configured = configuration.isGiven() || Files.exists(Path.of(ConfigurationOptions.DEFAULT_CONFIG))
                ? configuration.load(spec, aws.region, System.in).requests()
                : List.of();
        BakedSecretsSource.Baked baked = BakedSecretsSource.read(file);
        StatusReport report;
        try (StatusChecker checker = StatusChecker.create(aws.toSsmOptions())) {
            report = checker.check(baked, configured);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            out.println(report.summary());
            out.println();
            report.table().forEach(line -> out.println("  " + line));
        }
        out.flush();
        return switch (report.outcome()) {
            case UP_TO_DATE -> 0;
            case REDEPLOY -> EXIT_REDEPLOY;
            case INCOMPLETE -> SecretBakerCommand.EXIT_FAILURE;
        };
    }
}
