package dev.secretbaker.runtime.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Just enough JSON for KMS and credentials responses: the string members of a top-level object (other members are
 * skipped), and string quoting for requests. Kept here so that the default path loads no JSON library.
 */
public final class Json {

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** The string-valued members of the object {@code text}; other values are skipped. */
    public static Map<String, String> stringMembers(String text) {
        Json json = new Json(text);
        Map<String, String> members = new HashMap<>();
        json.skipWhitespace();
        json.expect('{');
        json.skipWhitespace();
        if (json.peek() == '}') {
            json.pos++;
            return members;
        }
        while (true) {
            json.skipWhitespace();
            String name = json.string();
            json.skipWhitespace();
            json.expect(':');
            json.skipWhitespace();
            if (json.peek() == '"') {
                members.put(name, json.string());
            } else {
                json.skipValue(0);
            }
            json.skipWhitespace();
            char next = json.next();
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                throw json.error("expected ',' or '}'");
            }
        }
    }

    /** {@code value} as a JSON string literal, quotes included. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private void skipValue(int depth) {
        if (depth > 64) {
            throw error("nested too deeply");
        }
        char c = peek();
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            char close = c == '{' ? '}' : ']';
            pos++;
            skipWhitespace();
            if (peek() == close) {
                pos++;
                return;
            }
            while (true) {
                skipWhitespace();
                if (close == '}') {
                    string();
                    skipWhitespace();
                    expect(':');
                    skipWhitespace();
                }
                skipValue(depth + 1);
                skipWhitespace();
                char next = next();
                if (next == close) {
                    return;
                }
                if (next != ',') {
                    throw error("expected ',' or '" + close + "'");
                }
            }
        } else {
            int start = pos;
            while (pos < text.length() && "{}[],: \t\r\n\"".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a value");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw error("truncated escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e2) {
                            throw error("bad escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape");
                }
            } else if (c < 0x20) {
                throw error("control character in string");
            } else {
                out.append(c);
            }
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    // The message names the position only: the text may hold a plaintext or credentials.
    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("malformed JSON at character " + pos + ": " + problem);
    }
}
