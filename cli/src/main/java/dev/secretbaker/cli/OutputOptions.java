package dev.secretbaker.cli;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeResult;
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

    void failed(CommandSpec spec, BakeException failure) {
        if (json) {
            BakeSummary.printJson(spec.commandLine().getOut(), failure);
        }
    }
}
