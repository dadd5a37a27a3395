package dev.secretbaker.format.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A strict JSON (RFC 8259) pull reader over UTF-8 bytes: the one tokenizer for the secrets file and for the
 * runtime's KMS and credentials responses. It takes a fast path for all-ASCII strings, validates what it skips,
 * and remembers where it is ({@code $.NAME.arn}) so that an error can say so without quoting any value.
 *
 * <p>Objects are read with {@link #beginObject} and then {@link #nextName} until it returns {@code null}; the caller
 * reads each member's value with {@link #string}, {@link #beginObject} or {@link #skipValue}.
 */
public final class JsonReader {

    private static final int MAX_NAME_IN_PATH = 64;

    private final byte[] in;
    private final int end;
    private final int maxDepth;
    private final boolean namesInErrors;
    private int pos;
    private int depth;
    // True between beginObject() and the first nextName(): no member name of this object is on the path yet.
    private boolean atObjectStart;
    private int nameAt;
    // Member names and array indexes from the root to the value being read; rendered only when something fails.
    private final ArrayList<Object> path = new ArrayList<>();
    private CharsetDecoder utf8;

    /**
     * @param namesInErrors whether errors may name the members on the way to the problem: yes for a document whose
     *                      names are not secret; no where a malformed value could be read as a name (a KMS answer
     *                      holds a plaintext), so that errors give the byte offset only
     */
    public JsonReader(byte[] json, int maxDepth, boolean namesInErrors) {
        this.in = json;
        this.end = json.length;
        this.maxDepth = maxDepth;
        this.namesInErrors = namesInErrors;
    }

    /**
     * The string-valued members of the top-level object in {@code json}; other members are checked and skipped.
     * Errors give the byte offset only.
     *
     * @throws JsonSyntaxException if {@code json} is not exactly one well-formed JSON object
     */
    public static Map<String, String> stringMembers(byte[] json) {
        JsonReader reader = new JsonReader(json, 32, false);
        Map<String, String> members = new HashMap<>();
        reader.beginObject("a JSON object");
        for (String name; (name = reader.nextName("member name")) != null; ) {
            if (reader.peek() == '"') {
                members.put(name, reader.string());
            } else {
                reader.skipValue();
            }
        }
        reader.endOfInput();
        return members;
    }

    /** Consumes the '{' that opens an object, after any whitespace; {@code what} describes the object in the error. */
    public void beginObject(String what) {
        skipWhitespace();
        if (peek() != '{') {
            throw expected(what);
        }
        enter();
        pos++;
        atObjectStart = true;
    }

    /**
     * The name of the object's next member, with the reader placed at its value; {@code null} once the object's
     * closing '}' has been consumed. {@code what} names a member in errors ("member name", "secret name").
     */
    public String nextName(String what) {
        skipWhitespace();
        if (atObjectStart) {
            atObjectStart = false;
            if (peek() == '}') {
                pos++;
                depth--;
                return null;
            }
        } else {
            path.remove(path.size() - 1);
            int c = peek();
            if (c == '}') {
                pos++;
                depth--;
                return null;
            }
            if (c != ',') {
                throw expected("',' or '}'");
            }
            pos++;
            skipWhitespace();
        }
        if (peek() != '"') {
            throw expected("a " + what + " (a string)");
        }
        nameAt = pos;
        String name = string();
        path.add(name);
        skipWhitespace();
        if (peek() != ':') {
            throw expected("':' after the " + what);
        }
        pos++;
        skipWhitespace();
        return name;
    }

    /** The next byte without consuming it, after any whitespace; -1 at the end of the input. */
    public int peek() {
        skipWhitespace();
        return pos < end ? in[pos] & 0xFF : -1;
    }

    /** The byte offset of the name that {@link #nextName} returned last, for {@link #failAt}. */
    public int nameOffset() {
        return nameAt;
    }

    /** The byte offset of the next token, for {@link #failAt}. */
    public int position() {
        skipWhitespace();
        return pos;
    }

    /** Reads a string value; {@code what} describes it in the error when the next value is not a string. */
    public String string(String what) {
        if (peek() != '"') {
            throw expected(what);
        }
        return string();
    }

    /** Checks and skips the next value, whatever it is. */
    public void skipValue() {
        int c = peek();
        if (c == '{') {
            skipObject();
            return;
        }
        enter();
        switch (c) {
            case '[' -> skipArray();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || isDigit(c)) {
                    number();
                } else {
                    throw expected("a JSON value");
                }
            }
        }
        depth--;
    }

    /** Checks that nothing but whitespace follows. */
    public void endOfInput() {
        if (peek() != -1) {
            throw fail("expected the end of the input after the top-level value but found more content");
        }
    }

    /** An error at the current position. */
    public JsonSyntaxException fail(String problem) {
        return new JsonSyntaxException(renderPath(), pos, problem);
    }

    /** An error at {@code offset}, an earlier {@link #position()} or {@link #nameOffset()}. */
    public JsonSyntaxException failAt(int offset, String problem) {
        return new JsonSyntaxException(renderPath(), offset, problem);
    }

    /** "expected WHAT but found X", where X names the kind of the next token, never its content. */
    public JsonSyntaxException expected(String what) {
        return fail("expected " + what + " but found " + describeNext());
    }

    private void enter() {
        if (++depth > maxDepth) {
            throw fail("values are nested more than " + maxDepth + " levels deep");
        }
    }

    private void skipObject() {
        Set<String> names = new HashSet<>();
        beginObject("an object");
        while (true) {
            String name = nextName("member name");
            if (name == null) {
                return;
            }
            if (!names.add(name)) {
                throw failAt(nameAt, "this member appears more than once in its object");
            }
            skipValue();
        }
    }

    private void skipArray() {
        pos++;
        if (peek() == ']') {
            pos++;
            return;
        }
        for (int index = 0; ; index++) {
            path.add(index);
            skipValue();
            path.remove(path.size() - 1);
            int c = peek();
            if (c == ']') {
                pos++;
                return;
            }
            if (c != ',') {
                throw expected("',' or ']'");
            }
            pos++;
        }
    }

    private void literal(String word) {
        if (!startsWith(word)) {
            throw expected("a JSON value");
        }
        pos += word.length();
    }

    private void number() {
        if (in[pos] == '-') {
            pos++;
        }
        int c = pos < end ? in[pos] : -1;
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw fail("expected a digit in the number");
        }
        if (pos < end && in[pos] == '.') {
            pos++;
            if (!(pos < end && isDigit(in[pos]))) {
                throw fail("expected a digit after the decimal point");
            }
            digits();
        }
        if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!(pos < end && isDigit(in[pos]))) {
                throw fail("expected a digit in the exponent");
            }
            digits();
        }
    }

    private void digits() {
        while (pos < end && isDigit(in[pos])) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Reads the string starting at the opening quote at {@code pos}. */
    private String string() {
        int start = pos + 1;
        int i = start;
        byte[] b = in;
        while (i < end) {
            int c = b[i]; // signed: every non-ASCII byte is negative and leaves the fast path
            if (c == '"') {
                pos = i + 1;
                return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (c == '\\' || c < 0x20) {
                break;
            }
            i++;
        }
        return slowString(start, i);
    }

    private String slowString(int start, int from) {
        StringBuilder sb = new StringBuilder(from - start + 16);
        sb.append(new String(in, start, from - start, StandardCharsets.ISO_8859_1));
        int i = from;
        while (true) {
            if (i >= end) {
                pos = end;
                throw fail("expected the closing '\"' of a string but found the end of the input");
            }
            int c = in[i] & 0xFF;
            if (c == '"') {
                pos = i + 1;
                return sb.toString();
            }
            if (c == '\\') {
                i = escape(i, sb);
            } else if (c < 0x20) {
                pos = i;
                throw fail("found a raw control character inside a string; JSON requires it to be escaped");
            } else if (c < 0x80) {
                sb.append((char) c);
                i++;
            } else {
                i = nonAscii(i, sb);
            }
        }
    }

    private int escape(int at, StringBuilder sb) {
        if (at + 1 >= end) {
            pos = at;
            throw fail("expected an escape sequence but found the end of the input");
        }
        switch (in[at + 1]) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int value = 0;
                for (int k = at + 2; k < at + 6; k++) {
                    int digit = k < end && in[k] >= 0 ? Character.digit(in[k], 16) : -1;
                    if (digit < 0) {
                        pos = at;
                        throw fail("expected four hexadecimal digits after \\u");
                    }
                    value = value * 16 + digit;
                }
                // Lone surrogates are legal JSON and JSON.stringify writes them; keep them as they are.
                sb.append((char) value);
                return at + 6;
            }
            default -> {
                pos = at;
                throw fail("found an invalid escape sequence in a string");
            }
        }
        return at + 2;
    }

    /**
     * Decodes the run of non-ASCII bytes at {@code at} with the JDK's strict UTF-8 decoder (RFC 3629: no overlongs,
     * no surrogates, nothing above U+10FFFF). Every byte of a multi-byte sequence is non-ASCII, so a run holds whole
     * sequences or is malformed.
     */
    private int nonAscii(int at, StringBuilder sb) {
        int runEnd = at;
        while (runEnd < end && in[runEnd] < 0) {
            runEnd++;
        }
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        ByteBuffer bytes = ByteBuffer.wrap(in, at, runEnd - at);
        CharBuffer chars = CharBuffer.allocate(runEnd - at);
        CoderResult result = utf8.reset().decode(bytes, chars, true);
        if (!result.isError()) {
            result = utf8.flush(chars);
        }
        if (result.isError()) {
            pos = bytes.position();
            throw fail("found a byte sequence that is not valid UTF-8");
        }
        sb.append(chars.flip());
        return runEnd;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = in[pos];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                return;
            }
        }
    }

    // Says what kind of thing is next without quoting it: a value must never reach a message.
    private String describeNext() {
        int c = pos < end ? in[pos] & 0xFF : -1;
        if (c < 0) {
            return "the end of the input";
        }
        return switch (c) {
            case '{' -> "an object";
            case '[' -> "an array";
            case '"' -> "a string";
            case '}', ']', ',', ':' -> "'" + (char) c + "'";
            case 't', 'f' -> startsWith(c == 't' ? "true" : "false") ? "a boolean" : "an unexpected character";
            case 'n' -> startsWith("null") ? "null" : "an unexpected character";
            default -> c == '-' || isDigit(c) ? "a number" : "an unexpected character";
        };
    }

    private boolean startsWith(String word) {
        if (pos + word.length() > end) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String renderPath() {
        if (!namesInErrors) {
            return null;
        }
        StringBuilder sb = new StringBuilder("$");
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                appendName(sb, (String) segment);
            }
        }
        return sb.toString();
    }

    private static void appendName(StringBuilder sb, String name) {
        boolean plain = !name.isEmpty() && name.length() <= MAX_NAME_IN_PATH
                && Character.isJavaIdentifierStart(name.charAt(0)) && name.chars().allMatch(JsonReader::isPlain);
        if (plain) {
            sb.append('.').append(name);
            return;
        }
        sb.append("[\"");
        int limit = Math.min(name.length(), MAX_NAME_IN_PATH);
        for (int i = 0; i < limit; i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (name.length() > limit) {
            sb.append("...");
        }
        sb.append("\"]");
    }

    private static boolean isPlain(int c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '$');
    }
}
