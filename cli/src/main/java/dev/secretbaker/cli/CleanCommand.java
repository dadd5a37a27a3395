package dev.secretbaker.cli;

import dev.secretbaker.core.OutputFileException;
import dev.secretbaker.core.SecretsFileOutput;
import dev.secretbaker.format.SecretsFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Removes a baked secrets file (only if it is one), e.g. from a source folder after packaging.")
final class CleanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = SecretsFile.FILE_NAME,
            description = "The secrets file to remove (default: ${DEFAULT-VALUE}).")
    Path output;

    @Override
    public Integer call() {
        boolean removed;
        try {
            removed = SecretsFileOutput.delete(output);
        } catch (OutputFileException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(removed ? "Removed " + output + "." : "Nothing to remove: " + output + " does not exist.");
        out.flush();
        return 0;
    }
}
