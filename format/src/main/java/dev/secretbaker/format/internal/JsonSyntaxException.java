package dev.secretbaker.format.internal;

/**
 * Input that {@link JsonReader} refuses. The message gives the byte offset and what was expected, and, where the
 * reader may name members, the place in the document ({@code $}, {@code $.MY_SECRET.arn}, {@code $.x[2]}); it never
 * quotes a value, because a value may be a secret or a credential.
 */
public final class JsonSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final int offset;
    private final String problem;

    JsonSyntaxException(String path, int offset, String problem) {
        super("malformed JSON at " + (path == null ? "" : path + " (") + "byte " + offset + (path == null ? "" : ")")
                + ": " + problem);
        this.path = path;
        this.offset = offset;
        this.problem = problem;
    }

    /** Where the problem is, e.g. {@code $.MY_SECRET.arn}; {@code null} when the reader does not name members. */
    public String path() {
        return path;
    }

    public int offset() {
        return offset;
    }

    public String problem() {
        return problem;
    }
}
