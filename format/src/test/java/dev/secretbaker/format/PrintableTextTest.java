package dev.secretbaker.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTextTest {

    @Test
    void escape_ofTerminalEscapes_newlinesAndNul_writesThemAsCodes() {
        assertThat(PrintableText.escape("A\u001b[2J\r\nB\u0000\u007f\u009b"))
                .isEqualTo("A\\u001B[2J\\u000D\\u000AB\\u0000\\u007F\\u009B");
    }

    @Test
    void escape_ofBidiOverridesAndZeroWidthCharacters_writesThemAsCodes() {
        assertThat(PrintableText.escape("DB\u202eDROWSSAP\u2066\u200b\u2028")).isEqualTo("DB\\u202EDROWSSAP\\u2066\\u200B\\u2028");
    }

    @Test
    void escape_keepsOrdinaryTextAndValidSurrogatePairs_butNotALoneSurrogate() {
        String text = "DB_PASSWORD é 鍵 \ud83d\udd11";
        assertThat(PrintableText.escape(text)).isSameAs(text);
        assertThat(PrintableText.escape("x\ud83d")).isEqualTo("x\\uD83D");
        assertThat(PrintableText.escape("\udd11x")).isEqualTo("\\uDD11x");
    }

    @Test
    void firstUnprintable_pointsAtTheFirstOne() {
        assertThat(PrintableText.firstUnprintable("OK")).isEqualTo(-1);
        assertThat(PrintableText.firstUnprintable("AB\tC")).isEqualTo(2);
    }
}
