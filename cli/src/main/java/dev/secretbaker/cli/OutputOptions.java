package dev.secretbaker.cli;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.config.PackageSecrets;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How {@code bake} and {@code verify} report: a table, nothing, or JSON. */
final class OutputOptions {

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Option(names = "--json", description = "Print a JSON summary on standard output (also on failure, with the problems).")
    boolean json;

    void succeeded(CommandSpec spec, BakeResult result, String headline) {
        if (json) {
            BakeSummary.printJson(spec.commandLine().getOut(), result);
        } else if (!quiet) {
            BakeSummary.printTable(spec.commandLine().getOut(), result, headline);
        }
    }

    void succeeded(CommandSpec spec, List<PackageSecrets> packages, List<BakeResult> results) {
        if (json) {
            BakeSummary.printJson(spec.commandLine().getOut(), packages, results);
        } else if (!quiet) {
            BakeSummary.printTable(spec.commandLine().getOut(), packages, results);
        }
    }

    void failed(CommandSpec spec, BakeException failure) {
        if (json) {
            BakeSummary.printJson(spec.commandLine().getOut(), failure);
        }
    }
}
