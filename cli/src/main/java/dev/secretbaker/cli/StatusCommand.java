package dev.secretbaker.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.secretbaker.core.config.PackageSecrets;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.core.status.BakedSecretsSource;
import dev.secretbaker.core.status.StatusChecker;
import dev.secretbaker.core.status.StatusReport;
import dev.secretbaker.format.SecretsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
    PackagesOption packages;

    @Mixin
    AwsOptions aws;

    @Option(names = "--file", paramLabel = "FILE|ARTIFACT", defaultValue = SecretsFile.FILE_NAME,
            description = "The secrets file, or a jar or zip holding it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--json", description = "Print the states as one JSON object (ARNs and versions, never a value).")
    boolean json;

    @Override
    public Integer call() {
        if (packages.isGiven()) {
            return checkPackages();
        }
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
        return exitCode(report.outcome());
    }

    /**
     * Each package's file against what it should hold, one report per package; with --json one object,
     * {"outcome":..,"packages":[{"functions":[..],"file":..,"report":{..}}]}. The exit code is the worst.
     */
    private int checkPackages() {
        if (spec.commandLine().getParseResult().hasMatchedOption("--file")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--packages-json names each package's file; leave out --file.");
        }
        List<PackageSecrets> plan = packages.load(spec, configuration, System.in);
        List<StatusReport> reports = new ArrayList<>();
        try (StatusChecker checker = StatusChecker.create(aws.toSsmOptions())) {
            for (PackageSecrets pack : plan) {
                reports.add(checker.check(BakedSecretsSource.read(Path.of(pack.file())), pack.secrets()));
            }
        }
        StatusReport.Outcome worst = reports.stream().map(StatusReport::outcome)
                .max(Comparator.comparingInt(StatusCommand::severity)).orElse(StatusReport.Outcome.UP_TO_DATE);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringWriter text = new StringWriter();
            try (JsonGenerator generator = new JsonFactory().createGenerator(text)) {
                generator.writeStartObject();
                generator.writeStringField("outcome", outcomeName(worst));
                generator.writeArrayFieldStart("packages");
                for (int i = 0; i < plan.size(); i++) {
                    generator.writeStartObject();
                    generator.writeArrayFieldStart("functions");
                    for (String function : plan.get(i).functions()) {
                        generator.writeString(function);
                    }
                    generator.writeEndArray();
                    generator.writeStringField("file", plan.get(i).file());
                    generator.writeFieldName("report");
                    generator.writeRawValue(reports.get(i).toJson());
                    generator.writeEndObject();
                }
                generator.writeEndArray();
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.println(text);
        } else {
            for (int i = 0; i < plan.size(); i++) {
                List<String> functions = plan.get(i).functions();
                out.println((functions.isEmpty() ? "" : "functions " + String.join(", ", functions) + ": ")
                        + reports.get(i).summary());
                out.println();
                reports.get(i).table().forEach(line -> out.println("  " + line));
                if (i < plan.size() - 1) {
                    out.println();
                }
            }
        }
        out.flush();
        return exitCode(worst);
    }

    private static int severity(StatusReport.Outcome outcome) {
        return switch (outcome) {
            case UP_TO_DATE -> 0;
            case REDEPLOY -> 1;
            case INCOMPLETE -> 2;
        };
    }

    private static String outcomeName(StatusReport.Outcome outcome) {
        return switch (outcome) {
            case UP_TO_DATE -> "up-to-date";
            case REDEPLOY -> "redeploy";
            case INCOMPLETE -> "incomplete";
        };
    }

    private static int exitCode(StatusReport.Outcome outcome) {
        return switch (outcome) {
            case UP_TO_DATE -> 0;
            case REDEPLOY -> EXIT_REDEPLOY;
            case INCOMPLETE -> SecretBakerCommand.EXIT_FAILURE;
        };
    }
}
