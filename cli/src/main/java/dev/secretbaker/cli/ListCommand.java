package dev.secretbaker.cli;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.PrintableText;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.format.SecretsFileFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Shows what a secrets file holds: each secret's name and parameter ARN. Never a value or a ciphertext.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "FILE", defaultValue = SecretsFile.FILE_NAME,
            description = "The secrets file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        SecretsFile secrets = read(file);
        PrintWriter out = spec.commandLine().getOut();
        // Names and ARNs are the file's, possibly hostile: escaped, they cannot move the cursor or spoof a row.
        int width = secrets.names().stream().map(PrintableText::escape).mapToInt(String::length).max().orElse(0);
        out.println(file + ": " + secrets.size() + (secrets.size() == 1 ? " secret" : " secrets"));
        for (BakedSecret secret : secrets.secrets()) {
            String name = PrintableText.escape(secret.name());
            out.println("  " + name + " ".repeat(width - name.length() + 2) + PrintableText.escape(secret.arn()));
        }
        out.flush();
        return 0;
    }

    static SecretsFile read(Path file) {
        try {
            return SecretsFile.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandFailure("No secrets file at " + file + ". Run 'secret-baker bake' first, or point --file at it.", e);
        } catch (IOException e) {
            throw new CommandFailure("Cannot read " + file + ": " + e.getMessage(), e);
        } catch (SecretsFileFormatException e) {
            throw new CommandFailure(file + " is not a valid secrets file: " + e.getMessage(), e);
        }
    }
}
