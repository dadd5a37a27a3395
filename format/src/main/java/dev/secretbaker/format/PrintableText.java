package dev.secretbaker.format;

/**
 * Makes text from a file safe to print: a secret name or ARN read from a secrets file can hold characters that a
 * terminal acts on (ESC sequences, carriage return, newline) or that reorder the text around them (bidirectional
 * overrides), so that a hostile file could rewrite the screen or spoof a row. Each such character is shown as
 * {@code \}{@code uXXXX} instead.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /**
     * True for a character that is not shown as itself: C0 and C1 controls and DEL, format characters (bidi
     * overrides and isolates, zero-width characters), line and paragraph separators, and a surrogate without its
     * pair.
     */
    public static boolean isUnprintable(char c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** The first unprintable character's index, or -1; a valid surrogate pair is printable. */
    public static int firstUnprintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (isUnprintable(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The text with each unprintable character written as {@code \}{@code uXXXX}; the text itself if it has none. */
    public static String escape(String text) {
        if (text == null || firstUnprintable(text) < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                escaped.append(c).append(text.charAt(++i));
            } else if (isUnprintable(c)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
