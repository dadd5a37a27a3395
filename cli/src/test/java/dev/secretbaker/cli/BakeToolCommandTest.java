package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BakeToolCommandTest {

    @Test
    void bakeTool_offersTheBuildSideCommandsOnly() {
        assertThat(BakeToolCommand.newCommandLine().getSubcommands().keySet())
                .containsExactlyInAnyOrder("help", "bake", "verify", "status", "list", "clean", "policy");
    }

    @Test
    void bakeTool_hasTheSameOptionsAsTheFullCliForEachCommandItOffers() {
        CommandLine full = SecretBakerCommand.newCommandLine();
        BakeToolCommand.newCommandLine().getSubcommands().forEach((name, command) ->
                assertThat(command.getCommandSpec().options().stream().map(o -> o.longestName()).toList())
                        .as(name)
                        .isEqualTo(full.getSubcommands().get(name).getCommandSpec().options().stream()
                                .map(o -> o.longestName()).toList()));
    }

    @Test
    void local_onTheBakeTool_isAUsageErrorThatNamesTheCommand() {
        CommandLine commandLine = BakeToolCommand.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("local");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("local");
    }
}
