package dev.secretbaker.format.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void stringMembers_readsStringsAndSkipsOtherValues() {
        String text = " {\"KeyId\":\"arn:aws:kms:x\", \"n\": 12.5e3, \"b\":true, \"z\":null,"
                + " \"nested\":{\"a\":[1,{\"b\":\"c\"}],\"d\":\"}\"}, \"Plaintext\":\"aGk=\"} ";

        assertThat(members(text)).containsOnlyKeys("KeyId", "Plaintext")
                .containsEntry("Plaintext", "aGk=");
    }

    @Test
    void stringMembers_decodesEscapes() {
        assertThat(members("{\"m\":\"a\\\"b\\\\c\\/d\\n\\u00e9\"}")).containsEntry("m", "a\"b\\c/d\n\u00e9");
    }

    @Test
    void stringMembers_ofMalformedText_namesThePositionButNotTheText() {
        assertThatThrownBy(() -> members("{\"Plaintext\":\"c2VjcmV0"))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOf(JsonSyntaxException.class)
                .hasMessageStartingWith("malformed JSON at byte 22: ")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> members("<html>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> members("{\"a\" \"b\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringMembers_ofLaxJson_isRefused() {
        // What a lenient reader would take: each is an error in RFC 8259.
        for (String lax : new String[] {"{\"a\":tru}", "{\"a\":01}", "{\"a\":1,}", "{\"a\":\"b\"} x", "{\"a\":[1,]}",
                "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":\"\\u00g9\"}", "{\"a\":\"\\x\"}"}) {
            assertThatThrownBy(() -> members(lax)).as(lax).isInstanceOf(JsonSyntaxException.class);
        }
    }

    @Test
    void stringMembers_withInvalidUtf8_isRefusedAtTheOffendingByte() {
        byte[] json = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xC0, (byte) 0xAF, '"', '}'};

        assertThatThrownBy(() -> JsonReader.stringMembers(json))
                .isInstanceOfSatisfying(JsonSyntaxException.class, e -> assertThat(e.offset()).isEqualTo(7))
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void string_decodesMultiByteUtf8() {
        assertThat(members("{\"m\":\"\u00e9\u20ac\ud83d\ude00 x\"}")).containsEntry("m", "\u00e9\u20ac\ud83d\ude00 x");
    }

    @Test
    void writer_escapesWhatJsonRequires() {
        byte[] quoted = new JsonWriter(8).string("a\"b\\c\n\u0001").toByteArray();

        assertThat(new String(quoted, StandardCharsets.UTF_8)).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }

    private static Map<String, String> members(String json) {
        return JsonReader.stringMembers(json.getBytes(StandardCharsets.UTF_8));
    }
}
