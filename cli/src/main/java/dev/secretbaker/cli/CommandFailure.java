package dev.secretbaker.cli;

/** A failure a command words itself for the user (a missing file, say); exit code 1. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
