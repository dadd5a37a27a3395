package dev.secretbaker.format.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes compact JSON as UTF-8 bytes, quoting strings as ECMAScript's QuoteJSONString does (ES2019 and later,
 * "well-formed JSON.stringify"): only {@code "}, {@code \}, control characters and lone surrogates are escaped.
 * The secrets file and the runtime's KMS requests are both written with it.
 */
public final class JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] out;
    private int size;

    public JsonWriter(int capacity) {
        out = new byte[Math.max(16, capacity)];
    }

    /** Appends {@code json}, which must be ASCII JSON punctuation or literals, as it is. */
    public JsonWriter raw(String json) {
        for (int i = 0; i < json.length(); i++) {
            raw(json.charAt(i));
        }
        return this;
    }

    /** Appends {@code s} as a JSON string literal, quotes included. */
    public JsonWriter string(String s) {
        quote(s);
        return this;
    }

    public byte[] toByteArray() {
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    private void quote(String s) {
        raw('"');
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    raw(c);
                } else {
                    switch (c) {
                        case '"' -> escaped('"');
                        case '\\' -> escaped('\\');
                        case '\b' -> escaped('b');
                        case '\f' -> escaped('f');
                        case '\n' -> escaped('n');
                        case '\r' -> escaped('r');
                        case '\t' -> escaped('t');
                        default -> unicodeEscape(c);
                    }
                }
            } else if (c < 0x800) {
                raw(0xC0 | c >> 6);
                raw(0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, s.charAt(++i));
                raw(0xF0 | codePoint >> 18);
                raw(0x80 | codePoint >> 12 & 0x3F);
                raw(0x80 | codePoint >> 6 & 0x3F);
                raw(0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                raw(0xE0 | c >> 12);
                raw(0x80 | c >> 6 & 0x3F);
                raw(0x80 | c & 0x3F);
            }
        }
        raw('"');
    }

    private void escaped(char c) {
        raw('\\');
        raw(c);
    }

    private void unicodeEscape(char c) {
        raw('\\');
        raw('u');
        raw(HEX[c >> 12 & 0xF]);
        raw(HEX[c >> 8 & 0xF]);
        raw(HEX[c >> 4 & 0xF]);
        raw(HEX[c & 0xF]);
    }

    public JsonWriter raw(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, Math.max(16, out.length * 2));
        }
        out[size++] = (byte) b;
        return this;
    }
}
