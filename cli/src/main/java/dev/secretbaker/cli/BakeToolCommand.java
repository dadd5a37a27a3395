package dev.secretbaker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code secret-baker} command as the Serverless plugin ships it, in its own small jar
 * ({@code secret-baker-bake.jar}): only the commands of the build side, without the emulator ({@code local},
 * {@code demo}) or the runtime ({@code decrypt}), whose libraries would make the package four times larger and
 * every start slower. The repository's full CLI has every command.
 */
@Command(
        name = "secret-baker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Bakes SSM SecureString ciphertexts into a deployment package (the build-side commands only;"
                + " 'local', 'demo' and 'decrypt' are in the full secret-baker CLI).",
        subcommands = {
                CommandLine.HelpCommand.class,
                BakeCommand.class,
                VerifyCommand.class,
                StatusCommand.class,
                ListCommand.class,
                CleanCommand.class,
                PolicyCommand.class,
        })
public final class BakeToolCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: choose one of the commands below.");
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return SecretBakerCommand.configured(new CommandLine(new BakeToolCommand()));
    }
}
