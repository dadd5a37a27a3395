package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SecretBakerCommandTest {

    @Test
    void unknownOption_exitsWithUsageError_andNamesTheOption() {
        CommandLine commandLine = SecretBakerCommand.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--no-such-option");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void noCommand_exitsWithUsageError_andListsTheCommands() {
        CommandLine commandLine = SecretBakerCommand.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute();

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing a command").contains("help");
    }

    @Test
    void help_exitsWithSuccess() {
        CommandLine commandLine = SecretBakerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter()));

        assertThat(commandLine.execute("--help")).isZero();
    }
}
