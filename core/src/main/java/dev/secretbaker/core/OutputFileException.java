package dev.secretbaker.core;

import java.nio.file.Path;
import java.util.Objects;

/** The secrets file could not be written or removed; the message says why and what to do. */
public final class OutputFileException extends RuntimeException {

    /** The file the operation was about. */
    private final Path path;

    /**
     * A failure to write or remove a secrets file.
     *
     * @param path    the file the operation was about
     * @param message what went wrong and what to do
     * @param cause   the error behind it, or null
     */
    public OutputFileException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** {@return the file the operation was about} */
    public Path path() {
        return path;
    }
}
