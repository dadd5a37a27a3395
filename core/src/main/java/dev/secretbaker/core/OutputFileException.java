package dev.secretbaker.core;

import java.nio.file.Path;
import java.util.Objects;

/** The secrets file could not be written or removed; the message says why and what to do. */
public final class OutputFileException extends RuntimeException {

    private final Path path;

    public OutputFileException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The file the operation was about. */
    public Path path() {
        return path;
    }
}
