package dev.secretbaker.core.status;

/**
 * A status could not be told at all: the baked file or artifact is missing or unreadable, or the run was
 * interrupted. (A secret whose state alone cannot be told is reported {@link SecretState#UNKNOWN} instead.)
 * The message says what was wrong and how to fix it, and holds no value or ciphertext.
 */
public final class StatusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure to read a baked file or to finish a check.
     *
     * @param message what went wrong and what to do
     */
    public StatusException(String message) {
        super(message);
    }

    /**
     * A failure to read a baked file or to finish a check.
     *
     * @param message what went wrong and what to do
     * @param cause   the error behind it
     */
    public StatusException(String message, Throwable cause) {
        super(message, cause);
    }
}
