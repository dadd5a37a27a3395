package dev.secretbaker.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void stringMembers_readsStringsAndSkipsOtherValues() {
        String text = " {\"KeyId\":\"arn:aws:kms:x\", \"n\": 12.5e3, \"b\":true, \"z\":null,"
                + " \"nested\":{\"a\":[1,{\"b\":\"c\"}],\"d\":\"}\"}, \"Plaintext\":\"aGk=\"} ";

        assertThat(Json.stringMembers(text)).containsOnlyKeys("KeyId", "Plaintext")
                .containsEntry("Plaintext", "aGk=");
    }

    @Test
    void stringMembers_decodesEscapes() {
        assertThat(Json.stringMembers("{\"m\":\"a\\\"b\\\\c\\/d\\n\\u00e9\"}")).containsEntry("m", "a\"b\\c/d\n\u00e9");
    }

    @Test
    void stringMembers_ofMalformedText_namesThePositionButNotTheText() {
        assertThatThrownBy(() -> Json.stringMembers("{\"Plaintext\":\"c2VjcmV0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON at character")
                .hasMessageNotContaining("c2VjcmV0");
        assertThatThrownBy(() -> Json.stringMembers("<html>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.stringMembers("{\"a\" \"b\"}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quote_escapesWhatJsonRequires() {
        assertThat(Json.quote("a\"b\\c\n\u0001")).isEqualTo("\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
