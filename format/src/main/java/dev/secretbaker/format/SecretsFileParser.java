package dev.secretbaker.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A strict JSON (RFC 8259) reader for exactly the secrets file's shape. It works on the UTF-8 bytes directly,
 * takes a fast path for the all-ASCII strings a secrets file is made of, and builds nothing for the members it
 * ignores except what is needed to validate them.
 */
final class SecretsFileParser {

    private static final int MAX_NAME_IN_MESSAGE = 64;

    private final byte[] in;
    private final int end;
    private int pos;
    // Member names from the root to the value being read; rendered only when something fails.
    private final ArrayList<Object> path = new ArrayList<>();

    private SecretsFileParser(byte[] in) {
        this.in = in;
        this.end = in.length;
    }

    static List<BakedSecret> parse(byte[] json) {
        return new SecretsFileParser(json).document();
    }

    private List<BakedSecret> document() {
        if (end > SecretsFile.MAX_BYTES) {
            throw fail("the file is " + end + " bytes long; at most " + SecretsFile.MAX_BYTES + " bytes are accepted");
        }
        if (end >= 3 && in[0] == (byte) 0xEF && in[1] == (byte) 0xBB && in[2] == (byte) 0xBF) {
            throw fail("expected '{' but found a UTF-8 byte order mark; write the file without one");
        }
        skipWhitespace();
        if (peek() != '{') {
            throw expected("a JSON object with one member per secret");
        }
        pos++;
        List<BakedSecret> secrets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw expected("a secret name (a string)");
                }
                int nameAt = pos;
                String name = string();
                path.add(name);
                if (name.isEmpty()) {
                    pos = nameAt;
                    throw fail("expected a non-empty secret name");
                }
                if (!names.add(name)) {
                    pos = nameAt;
                    throw fail("this secret name appears more than once; each name must be unique");
                }
                skipWhitespace();
                expect(':', "':' after the secret name");
                skipWhitespace();
                secrets.add(entry(name));
                path.remove(path.size() - 1);
                skipWhitespace();
                if (!endOfMember()) {
                    break;
                }
            }
        }
        skipWhitespace();
        if (pos != end) {
            throw fail("expected the end of the file after the top-level object but found more content");
        }
        return secrets;
    }

    private BakedSecret entry(String name) {
        if (peek() != '{') {
            throw expected("an object with the string members \"ciphertext\" and \"arn\"");
        }
        int entryAt = pos++;
        String ciphertext = null;
        String arn = null;
        Set<String> otherKeys = null;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
        } else {
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw expected("a member name (a string)");
                }
                int keyAt = pos;
                String key = string();
                path.add(key);
                skipWhitespace();
                expect(':', "':' after the member name");
                skipWhitespace();
                if (key.equals("ciphertext") || key.equals("arn")) {
                    boolean isCiphertext = key.equals("ciphertext");
                    if ((isCiphertext ? ciphertext : arn) != null) {
                        pos = keyAt;
                        throw fail("this member appears more than once in the entry");
                    }
                    if (peek() != '"') {
                        throw expected("a string");
                    }
                    int valueAt = pos;
                    String value = string();
                    if (value.isEmpty()) {
                        pos = valueAt;
                        throw fail("expected a non-empty string");
                    }
                    if (isCiphertext) {
                        ciphertext = value;
                    } else {
                        if (!ParameterArns.isParameterArn(value)) {
                            pos = valueAt;
                            throw fail("expected an SSM parameter ARN (" + ParameterArns.EXPECTED_SHAPE + ")");
                        }
                        arn = value;
                    }
                } else {
                    // Unknown members are ignored, so that newer writers can add fields; still valid JSON only.
                    if (otherKeys == null) {
                        otherKeys = new HashSet<>();
                    }
                    if (!otherKeys.add(key)) {
                        pos = keyAt;
                        throw fail("this member appears more than once in the entry");
                    }
                    skipValue(3);
                }
                path.remove(path.size() - 1);
                skipWhitespace();
                if (!endOfMember()) {
                    break;
                }
            }
        }
        if (ciphertext == null || arn == null) {
            pos = entryAt;
            throw fail("the entry has no \"" + (ciphertext == null ? "ciphertext" : "arn") + "\" member; "
                    + "each entry needs the string members \"ciphertext\" and \"arn\"");
        }
        return new BakedSecret(name, ciphertext, arn);
    }

    /** After a member's value: true at ',' (more follow), false at '}' (object done). */
    private boolean endOfMember() {
        int c = peek();
        if (c == ',') {
            pos++;
            return true;
        }
        if (c == '}') {
            pos++;
            return false;
        }
        throw expected("',' or '}'");
    }

    private void skipValue(int depth) {
        if (depth > SecretsFile.MAX_DEPTH) {
            throw fail("values are nested more than " + SecretsFile.MAX_DEPTH + " levels deep");
        }
        int c = peek();
        switch (c) {
            case '{' -> skipObject(depth);
            case '[' -> skipArray(depth);
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number();
                } else {
                    throw expected("a JSON value");
                }
            }
        }
    }

    private void skipObject(int depth) {
        pos++;
        Set<String> keys = new HashSet<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw expected("a member name (a string)");
            }
            int keyAt = pos;
            String key = string();
            path.add(key);
            if (!keys.add(key)) {
                pos = keyAt;
                throw fail("this member appears more than once in its object");
            }
            skipWhitespace();
            expect(':', "':' after the member name");
            skipWhitespace();
            skipValue(depth + 1);
            path.remove(path.size() - 1);
            skipWhitespace();
            if (!endOfMember()) {
                return;
            }
        }
    }

    private void skipArray(int depth) {
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return;
        }
        for (int index = 0; ; index++) {
            path.add(index);
            skipWhitespace();
            skipValue(depth + 1);
            path.remove(path.size() - 1);
            skipWhitespace();
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
        for (int i = 0; i < word.length(); i++) {
            if (pos + i >= end || in[pos + i] != word.charAt(i)) {
                throw expected("a JSON value");
            }
        }
        pos += word.length();
    }

    private void number() {
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw fail("expected a digit in the number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw fail("expected a digit after the decimal point");
            }
            digits();
        }
        c = peek();
        if (c == 'e' || c == 'E') {
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw fail("expected a digit in the exponent");
            }
            digits();
        }
    }

    private void digits() {
        while (isDigit(peek())) {
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
                i = utf8(i, sb);
            }
        }
    }

    private int escape(int at, StringBuilder sb) {
        if (at + 1 >= end) {
            pos = at;
            throw fail("expected an escape sequence but found the end of the input");
        }
        int c = in[at + 1];
        switch (c) {
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
                    int digit = k < end ? Character.digit(in[k] & 0xFF, 16) : -1;
                    if (digit < 0 || in[k] < 0) {
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

    /** Decodes one well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
    private int utf8(int at, StringBuilder sb) {
        int b0 = in[at] & 0xFF;
        int length;
        int min2;
        int max2;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2; min2 = 0x80; max2 = 0xBF;
        } else if (b0 == 0xE0) {
            length = 3; min2 = 0xA0; max2 = 0xBF;
        } else if (b0 >= 0xE1 && b0 <= 0xEC || b0 == 0xEE || b0 == 0xEF) {
            length = 3; min2 = 0x80; max2 = 0xBF;
        } else if (b0 == 0xED) {
            length = 3; min2 = 0x80; max2 = 0x9F;
        } else if (b0 == 0xF0) {
            length = 4; min2 = 0x90; max2 = 0xBF;
        } else if (b0 >= 0xF1 && b0 <= 0xF3) {
            length = 4; min2 = 0x80; max2 = 0xBF;
        } else if (b0 == 0xF4) {
            length = 4; min2 = 0x80; max2 = 0x8F;
        } else {
            pos = at;
            throw fail("found a byte that is not valid UTF-8");
        }
        if (at + length > end) {
            pos = at;
            throw fail("found a truncated UTF-8 sequence");
        }
        int b1 = in[at + 1] & 0xFF;
        if (b1 < min2 || b1 > max2) {
            pos = at;
            throw fail("found a byte sequence that is not valid UTF-8");
        }
        int codePoint = length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07;
        codePoint = codePoint << 6 | b1 & 0x3F;
        for (int k = 2; k < length; k++) {
            int bk = in[at + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                pos = at;
                throw fail("found a byte sequence that is not valid UTF-8");
            }
            codePoint = codePoint << 6 | bk & 0x3F;
        }
        sb.appendCodePoint(codePoint);
        return at + length;
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

    private int peek() {
        return pos < end ? in[pos] & 0xFF : -1;
    }

    private void expect(char c, String what) {
        if (peek() != c) {
            throw expected(what);
        }
        pos++;
    }

    private SecretsFileFormatException expected(String what) {
        return fail("expected " + what + " but found " + describeNext());
    }

    // Says what kind of thing is next without quoting it: a value must never reach a message.
    private String describeNext() {
        int c = peek();
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

    private SecretsFileFormatException fail(String problem) {
        return new SecretsFileFormatException(renderPath(), pos, problem);
    }

    private String renderPath() {
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
        boolean plain = !name.isEmpty() && name.length() <= MAX_NAME_IN_MESSAGE
                && Character.isJavaIdentifierStart(name.charAt(0)) && name.chars().allMatch(SecretsFileParser::isPlain);
        if (plain) {
            sb.append('.').append(name);
            return;
        }
        sb.append("[\"");
        int limit = Math.min(name.length(), MAX_NAME_IN_MESSAGE);
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
