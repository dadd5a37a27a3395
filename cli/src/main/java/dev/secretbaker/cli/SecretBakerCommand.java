package dev.secretbaker.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code secret-baker} command. Each subcommand is a thin adapter over a library module; this class only
 * assembles them and fixes the exit codes: 0 success, 1 failure, 2 usage error.
 */
@Command(
        name = "secret-baker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Bakes SSM SecureString ciphertexts into a deployment package; decrypts them with KMS at run time.",
        subcommands = {
                CommandLine.HelpCommand.class,
                LocalCommand.class,
                BakeCommand.class,
                VerifyCommand.class,
                StatusCommand.class,
                ListCommand.class,
                CleanCommand.class,
                PolicyCommand.class,
                DemoCommand.class,
                DecryptCommand.class,
        })
public final class SecretBakerCommand implements Runnable {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: choose one of the commands below.");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code; used by tests as well as {@link #main}. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        return configured(new CommandLine(new SecretBakerCommand()));
    }

    /** Error reporting and exit codes, the same for every assembly of the commands. */
    static CommandLine configured(CommandLine commandLine) {
        commandLine.setExecutionExceptionHandler(new ErrorReporter());
        // picocli's default usage-error exit code is already 2; it is set here so that it stays so.
        commandLine.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        commandLine.getCommandSpec().exitCodeOnExecutionException(EXIT_FAILURE);
        return commandLine;
    }
}
