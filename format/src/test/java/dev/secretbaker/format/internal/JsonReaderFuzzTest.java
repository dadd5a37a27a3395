package dev.secretbaker.format.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The runtime reads KMS and credentials-endpoint answers, outside input: on any text it either returns the
 * string members or throws JsonSyntaxException, and never echoes the text in its message.
 */
class JsonReaderFuzzTest {

    private static final String ALPHABET = "{}[]:,\"\\ \t\nabcu0123456789-+.eEtrufalsn/\u00e9\u0000";
    private static final String VALID = "{\"KeyId\":\"arn:aws:kms:us-east-1:111122223333:key/k\",\"Plaintext\":\"c2VjcmV0\","
            + "\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\",\"n\":[1,{\"a\":null}],\"b\":true}";

    @Test
    void randomText_parsesOrThrowsIllegalArgument() {
        Random random = new Random(20261128);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertParsesOrRefuses(text.toString());
        }
    }

    @Test
    void mutationsOfAValidAnswer_parseOrThrowIllegalArgumentWithoutEchoingIt() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(VALID);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> text.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
            }
            String message = assertParsesOrRefuses(text.toString());
            if (message != null) {
                assertThat(message).doesNotContain("c2VjcmV0");
            }
        }
    }

    @Test
    void deepNesting_isRefusedNotAStackOverflow() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        assertThat(assertParsesOrRefuses(deep)).contains("nested more than 32 levels deep");
    }

    /** Null when the text parsed, else the refusal's message. */
    private static String assertParsesOrRefuses(String text) {
        try {
            JsonReader.stringMembers(text.getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (JsonSyntaxException refused) {
            return refused.getMessage();
        }
    }
}
