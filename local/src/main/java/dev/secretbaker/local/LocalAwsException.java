package dev.secretbaker.local;

/**
 * The emulator could not start or load its input: a port in use, an unreadable state file, a seed file
 * entry that is not valid. The message names the offending file or entry and says how to fix it.
 */
public class LocalAwsException extends RuntimeException {

    public LocalAwsException(String message) {
        super(message);
    }

    public LocalAwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
