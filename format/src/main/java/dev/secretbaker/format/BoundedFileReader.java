package dev.secretbaker.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a whole input that must stay small (a secrets file, a configuration file) without trusting it: a path must
 * be a regular file, its size is checked before any byte is read, and no more than the limit plus one byte is ever
 * read, so a sparse file, {@code /dev/zero}, a FIFO or a file that grows while it is read cannot exhaust memory.
 */
public final class BoundedFileReader {

    private BoundedFileReader() {
    }

    /** The input is larger than the limit; nothing of it was kept. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        private TooLargeException(String what, long size, int maxBytes) {
            super(what + (size < 0 ? " is larger than " + maxBytes + " bytes"
                    : " is " + size + " bytes long") + "; at most " + maxBytes + " bytes are accepted");
        }
    }

    /** The path names a folder, a device, a pipe or a socket: something that is not a file to read whole. */
    public static final class NotRegularFileException extends IOException {
        private static final long serialVersionUID = 1L;

        private NotRegularFileException(Path file, String kind) {
            super(file + " is " + kind + ", not a regular file");
        }
    }

    /**
     * The bytes of a regular file (a symbolic link to one is followed) of at most {@code maxBytes} bytes.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws NotRegularFileException           if the path is not a regular file
     * @throws TooLargeException                 if the file is larger than {@code maxBytes}, before reading it
     *                                           (or while reading it, if it grows)
     */
    public static byte[] read(Path file, int maxBytes) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new NotRegularFileException(file, "a folder");
        }
        if (!attributes.isRegularFile()) {
            throw new NotRegularFileException(file, "a device, a pipe or a socket");
        }
        if (attributes.size() > maxBytes) {
            throw new TooLargeException(file.toString(), attributes.size(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, maxBytes, file.toString());
        }
    }

    /**
     * The bytes of a stream up to its end, refusing it once it passes {@code maxBytes} (the stream is not closed).
     *
     * @param what how to name the input in the message, e.g. a path or "standard input"
     * @throws TooLargeException if the stream holds more than {@code maxBytes} bytes
     */
    public static byte[] read(InputStream in, int maxBytes, String what) throws IOException {
        byte[] bytes = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw new TooLargeException(what, -1, maxBytes);
        }
        return bytes;
    }
}
