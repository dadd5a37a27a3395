package dev.secretbaker.format;

/**
 * A secrets file that is not what {@link SecretsFile#read(byte[])} accepts. The message names the place in the
 * document ({@code $}, {@code $.MY_SECRET}, {@code $.MY_SECRET.arn}), the byte offset and what was expected;
 * it never contains a value from the document, only member names.
 */
public final class SecretsFileFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final long offset;

    SecretsFileFormatException(String path, long offset, String problem) {
        super(SecretsFile.FILE_NAME + " is malformed at " + path + " (byte " + offset + "): " + problem);
        this.path = path;
        this.offset = offset;
    }

    /** Where in the document the problem is, e.g. {@code $.MY_SECRET.ciphertext}; {@code $} is the whole document. */
    public String path() {
        return path;
    }

    /** The byte offset in the input at which the problem was found. */
    public long offset() {
        return offset;
    }
}
