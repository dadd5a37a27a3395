package dev.secretbaker.format;

import java.util.Arrays;
import java.util.List;

/**
 * Writes the bytes that JavaScript's {@code JSON.stringify} writes for the same object: compact, UTF-8,
 * no trailing newline, and strings quoted as ECMAScript's QuoteJSONString does (ES2019 and later, "well-formed
 * JSON.stringify"): only {@code "}, {@code \}, control characters and lone surrogates are escaped.
 */
final class SecretsFileWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] out;
    private int size;

    private SecretsFileWriter(int capacity) {
        out = new byte[capacity];
    }

    /** The secrets must already be in the order a JavaScript object enumerates them. */
    static byte[] write(List<BakedSecret> secrets) {
        int estimate = 2;
        for (BakedSecret secret : secrets) {
            estimate += secret.name().length() + secret.ciphertext().length() + secret.arn().length() + 32;
        }
        SecretsFileWriter writer = new SecretsFileWriter(estimate);
        writer.raw('{');
        boolean first = true;
        for (BakedSecret secret : secrets) {
            if (!first) {
                writer.raw(',');
            }
            first = false;
            writer.quote(secret.name());
            writer.raw(':');
            writer.raw('{');
            writer.quote("ciphertext");
            writer.raw(':');
            writer.quote(secret.ciphertext());
            writer.raw(',');
            writer.quote("arn");
            writer.raw(':');
            writer.quote(secret.arn());
            writer.raw('}');
        }
        writer.raw('}');
        return writer.size == writer.out.length ? writer.out : Arrays.copyOf(writer.out, writer.size);
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

    private void raw(int b) {
        if (size == out.length) {
            out = Arrays.copyOf(out, Math.max(16, out.length * 2));
        }
        out[size++] = (byte) b;
    }
}
