package dev.secretbaker.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become what a user reads on the terminal. Library exceptions carry messages
 * written for users (what went wrong, how to fix it, never a secret value); anything else is a defect and is
 * shown with its stack trace only when {@code SECRET_BAKER_DEBUG} is set.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        String message = exception.getMessage();
        err.println("secret-baker: " + (message == null || message.isBlank() ? exception.getClass().getSimpleName() : message));
        if (System.getenv("SECRET_BAKER_DEBUG") != null) {
            exception.printStackTrace(err);
        }
        err.flush();
        return SecretBakerCommand.EXIT_FAILURE;
    }
}
