package dev.secretbaker.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsFileReadTest {

    private static final String CANARY = "Q0FOQVJZLVZBTFVF";
    private static final String ARN = "arn:aws:ssm:us-east-1:111122223333:parameter/db";
    private static final String ENTRY = "{\"ciphertext\":\"" + CANARY + "\",\"arn\":\"" + ARN + "\"}";

    private static SecretsFile read(String json) {
        return SecretsFile.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretsFileFormatException readFails(String json) {
        return readFails(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SecretsFileFormatException readFails(byte[] json) {
        SecretsFileFormatException e = catchThrowableOfType(SecretsFileFormatException.class, () -> SecretsFile.read(json));
        assertThat(e).as("expected the reader to refuse the input").isNotNull();
        assertThat(e.getMessage()).startsWith("secret-baker-secrets.json is malformed at ").doesNotContain(CANARY);
        return e;
    }

    @Test
    void read_ofAnEmptyObject_hasNoSecrets() {
        assertThat(read("{}").secrets()).isEmpty();
        assertThat(read(" \t\r\n{ \n}\n").secrets()).isEmpty();
    }

    @Test
    void read_ofOneEntry_givesNameCiphertextAndArn() {
        SecretsFile file = read("{\"DB\":" + ENTRY + "}");

        assertThat(file.secrets()).containsExactly(new BakedSecret("DB", CANARY, ARN));
    }

    @Test
    void read_toleratesWhitespaceEverywhereJsonAllows() {
        SecretsFile file = read("\n{ \"DB\" :\t{ \"arn\" : \"" + ARN + "\" ,\r\n \"ciphertext\" : \"" + CANARY + "\" } }\n");

        assertThat(file.find("DB")).contains(new BakedSecret("DB", CANARY, ARN));
    }

    @Test
    void read_ignoresUnknownMembersOfAnyJsonType() {
        SecretsFile file = read("{\"DB\":{\"version\":3,\"ciphertext\":\"" + CANARY + "\",\"tier\":\"Advanced\","
                + "\"meta\":{\"a\":[1,-2.5e+3,0.1E-2,true,false,null,{\"b\":[]},\"\\u00e9\"]},\"arn\":\"" + ARN
                + "\",\"empty\":{}}}");

        assertThat(file.secrets()).containsExactly(new BakedSecret("DB", CANARY, ARN));
    }

    @Test
    void read_decodesEveryEscapeAndRawUtf8() {
        SecretsFile file = read("{\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800\u00fc\u79d8\ud83d\udd11\":"
                + ENTRY + "}");

        assertThat(file.names()).containsExactly("a\"\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800\u00fc\u79d8\ud83d\udd11");
    }

    @Test
    void read_ofFileWrittenByOriginalPlugin_isReadable() {
        // As the original writes it for the README's mixed example, with made-up SSM answers.
        String original = "{\"MY_SECRET\":{\"ciphertext\":\"AQICAHh\",\"arn\":\"arn:aws:ssm:us-west-2:123456789012:parameter/MY_SECRET\"},"
                + "\"CUSTOM_SECRET\":{\"ciphertext\":\"AQICAHi\",\"arn\":\"arn:aws:ssm:us-west-2:123456789012:parameter/a/custom/secret/path\"}}";

        assertThat(read(original).names()).containsExactly("MY_SECRET", "CUSTOM_SECRET");
        assertThat(read(original).toJson()).isEqualTo(original.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void read_ordersIntegerLikeNamesAsJavaScriptDoes() {
        SecretsFile file = read("{\"B\":" + ENTRY + ",\"10\":" + ENTRY + ",\"2\":" + ENTRY + "}");

        assertThat(file.names()).containsExactly("2", "10", "B");
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', value = {
            "''                                   | $ | expected a JSON object with one member per secret but found the end of the input",
            "[]                                   | $ | expected a JSON object with one member per secret but found an array",
            "null                                 | $ | but found null",
            "'\"x\"'                              | $ | but found a string",
            "'{\"DB\":\"x\"}'                     | $.DB | expected an object with the string members \"ciphertext\" and \"arn\" but found a string",
            "'{\"DB\":[]}'                        | $.DB | but found an array",
            "'{\"DB\":null}'                      | $.DB | but found null",
            "'{\"DB\":{}}'                        | $.DB | the entry has no \"ciphertext\" member",
            "'{\"DB\":{\"ciphertext\":\"x\"}}'    | $.DB | the entry has no \"arn\" member",
            "'{\"DB\":{\"ciphertext\":7,\"arn\":\"a\"}}'       | $.DB.ciphertext | expected a string but found a number",
            "'{\"DB\":{\"ciphertext\":true}}'     | $.DB.ciphertext | expected a string but found a boolean",
            "'{\"DB\":{\"ciphertext\":{}}}'       | $.DB.ciphertext | expected a string but found an object",
            "'{\"DB\":{\"ciphertext\":\"\"}}'     | $.DB.ciphertext | expected a non-empty string",
            "'{\"DB\":{\"ciphertext\":\"x\",\"arn\":null}}'    | $.DB.arn | expected a string but found null",
            "'{\"DB\":{\"ciphertext\":\"x\",\"arn\":\"arn:aws:kms:us-east-1:111122223333:key/k\"}}' | $.DB.arn | expected an SSM parameter ARN",
            "'{\"\":{}}'                          | $[\"\"] | expected a non-empty secret name",
            "'{DB:{}}'                            | $ | expected a secret name (a string) but found an unexpected character",
            "'{\"DB\"{}}'                         | $.DB | expected ':' after the secret name but found an object",
            "'{\"DB\":{\"ciphertext\":\"x\" \"arn\":\"y\"}}'   | $.DB | expected ',' or '}' but found a string",
            "'{\"DB\":{\"ciphertext\":\"x\",}}'   | $.DB | expected a member name (a string) but found '}'",
            "'{,}'                                | $ | expected a secret name (a string) but found ','",
            "'{\"a\":{\"ciphertext\":\"x\",\"arn\":\"arn:aws:ssm:r-1:111122223333:parameter/a\"},}' | $ | expected a secret name (a string) but found '}'",
            "'{\"a\":{\"ciphertext\":\"x\",\"arn\":\"arn:aws:ssm:r-1:111122223333:parameter/a\"}}}' | $ | expected the end of the file",
            "'{\"a\":{\"ciphertext\":\"x\",\"arn\":\"arn:aws:ssm:r-1:111122223333:parameter/a\"}} {}' | $ | expected the end of the file",
            "'{\"a\":{\"ciphertext\":\"x\",\"arn\":\"arn:aws:ssm:r-1:111122223333:parameter/a\"}'  | $ | expected ',' or '}' but found the end of the input",
            "'{\"DB\":{\"x\":01}}'                | $.DB | expected ',' or '}' but found a number",
            "'{\"DB\":{\"x\":-}}'                 | $.DB.x | expected a digit in the number",
            "'{\"DB\":{\"x\":1.}}'                | $.DB.x | expected a digit after the decimal point",
            "'{\"DB\":{\"x\":1e}}'                | $.DB.x | expected a digit in the exponent",
            "'{\"DB\":{\"x\":+1}}'                | $.DB.x | expected a JSON value but found an unexpected character",
            "'{\"DB\":{\"x\":tru}}'               | $.DB.x | expected a JSON value but found an unexpected character",
            "'{\"DB\":{\"x\":NaN}}'               | $.DB.x | expected a JSON value",
            "'{\"DB\":{\"x\":[1,]}}'              | $.DB.x[1] | expected a JSON value but found ']'",
            "'{\"DB\":{\"x\":[1 2]}}'             | $.DB.x | expected ',' or ']' but found a number",
            "'{\"DB\":{\"x\":\"a\\qb\"}}'         | $.DB.x | found an invalid escape sequence",
            "'{\"DB\":{\"x\":\"a\\u12G4\"}}'      | $.DB.x | expected four hexadecimal digits after \\u",
            "'{\"DB\":{\"x\":\"abc'               | $.DB.x | expected the closing '\"' of a string but found the end of the input",
    })
    void read_ofMalformedDocument_namesThePathAndWhatWasExpected(String json, String path, String problem) {
        SecretsFileFormatException e = readFails(json);

        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).contains(problem).contains(" at " + path + " (byte ");
    }

    @Test
    void read_withDuplicateSecretName_isRefused() {
        SecretsFileFormatException e = readFails("{\"DB\":" + ENTRY + ",\"DB\":" + ENTRY + "}");

        assertThat(e.path()).isEqualTo("$.DB");
        assertThat(e.getMessage()).contains("this secret name appears more than once");
    }

    @Test
    void read_withDuplicateSecretNameSpelledWithAnEscape_isRefused() {
        SecretsFileFormatException e = readFails("{\"DB\":" + ENTRY + ",\"\\u0044B\":" + ENTRY + "}");

        assertThat(e.getMessage()).contains("appears more than once");
    }

    @Test
    void read_withDuplicateCiphertextOrArnOrUnknownMember_isRefused() {
        assertThat(readFails("{\"DB\":{\"ciphertext\":\"a\",\"ciphertext\":\"" + CANARY + "\"}}").path())
                .isEqualTo("$.DB.ciphertext");
        assertThat(readFails("{\"DB\":{\"arn\":\"" + ARN + "\",\"arn\":\"" + ARN + "\"}}").path()).isEqualTo("$.DB.arn");
        assertThat(readFails("{\"DB\":{\"x\":1,\"x\":2}}").path()).isEqualTo("$.DB.x");
        assertThat(readFails("{\"DB\":{\"x\":[{\"k\":1,\"k\":1}]}}").path()).isEqualTo("$.DB.x[0].k");
    }

    @Test
    void read_withArnOfAnotherShape_isRefusedWithoutQuotingIt() {
        String wrong = "arn:aws:kms:us-east-1:111122223333:key/CANARYKEY";

        SecretsFileFormatException e = readFails("{\"DB\":{\"ciphertext\":\"" + CANARY + "\",\"arn\":\"" + wrong + "\"}}");

        assertThat(e.path()).isEqualTo("$.DB.arn");
        assertThat(e.getMessage()).contains("expected an SSM parameter ARN (arn:<partition>:ssm:<region>:<12-digit account>:parameter/<name>)")
                .doesNotContain("CANARYKEY");
    }

    @Test
    void read_withRawControlCharacterInString_isRefused() {
        SecretsFileFormatException e = readFails("{\"DB\":{\"ciphertext\":\"a\nb\"}}");

        assertThat(e.path()).isEqualTo("$.DB.ciphertext");
        assertThat(e.getMessage()).contains("raw control character");
    }

    @Test
    void read_withByteOrderMark_isRefusedWithAHint() {
        byte[] json = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(readFails(json).getMessage()).contains("byte order mark");
    }

    @Test
    void read_withInvalidUtf8_isRefusedAtTheOffendingByte() {
        byte[][] invalid = {
                {(byte) 0x80},                                // lone continuation byte
                {(byte) 0xC0, (byte) 0xAF},                   // overlong '/'
                {(byte) 0xC1, (byte) 0xBF},                   // overlong
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},      // overlong
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},      // UTF-8 encoded surrogate
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, // overlong
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xFF},
                {(byte) 0xC3},                                // truncated, then the closing quote
                {(byte) 0xE2, (byte) 0x82},
                {(byte) 0xE2, (byte) 0x28, (byte) 0xA1},      // bad continuation
        };
        for (byte[] bad : invalid) {
            byte[] json = concat("{\"DB\":{\"ciphertext\":\"ab".getBytes(StandardCharsets.UTF_8), bad,
                    "\"}}".getBytes(StandardCharsets.UTF_8));

            SecretsFileFormatException e = readFails(json);

            assertThat(e.getMessage()).as(Arrays.toString(bad)).contains("UTF-8");
            assertThat(e.offset()).isEqualTo(23);
        }
    }

    @Test
    void read_withNonAsciiOutsideStrings_isRefused() {
        byte[] json = concat("{\"DB\":".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8));

        assertThat(readFails(json).getMessage()).contains("found an unexpected character");
    }

    @Test
    void read_withDeepNesting_isRefusedBeforeTheStackRunsOut() {
        String deep = "[".repeat(100_000);

        SecretsFileFormatException e = readFails("{\"DB\":{\"x\":" + deep + "}}");

        assertThat(e.getMessage()).contains("nested more than 32 levels deep");
    }

    @Test
    void read_withNestingJustInsideTheLimit_isAccepted() {
        int allowed = SecretsFile.MAX_DEPTH - 2;
        String nested = "[".repeat(allowed) + "]".repeat(allowed);

        assertThat(read("{\"DB\":{\"x\":" + nested + ",\"ciphertext\":\"a\",\"arn\":\"" + ARN + "\"}}").size()).isEqualTo(1);
        assertThat(readFails("{\"DB\":{\"x\":" + "[".repeat(allowed + 1) + "]".repeat(allowed + 1) + "}}").getMessage())
                .contains("nested more than");
    }

    @Test
    void read_ofInputLargerThanTheLimit_isRefusedWithoutParsing() {
        byte[] huge = new byte[SecretsFile.MAX_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');

        assertThat(readFails(huge).getMessage()).contains("at most " + SecretsFile.MAX_BYTES + " bytes");
    }

    @Test
    void errorMessage_quotesLongOrOddNamesSafelyAndShortly() {
        String longName = "N".repeat(200);
        assertThat(readFails("{\"" + longName + "\":1}").path()).isEqualTo("$[\"" + "N".repeat(64) + "...\"]");
        assertThat(readFails("{\"a b\\n\\\"\":1}").path()).isEqualTo("$[\"a b\\u000a\\\"\"]");
    }

    @Test
    void errorMessages_neverContainTheCiphertext() {
        // Every single-byte truncation of a valid document fails without echoing a value.
        String valid = "{\"DB\":" + ENTRY + "}";
        for (int length = 0; length < valid.length(); length++) {
            readFails(valid.substring(0, length));
        }
    }

    @Test
    void read_ofRandomlyCorruptedDocuments_eitherSucceedsOrThrowsOnlyTheFormatException() {
        byte[] valid = Vectors.load("non-ascii").expected();
        Random random = new Random(42);
        for (int round = 0; round < 20_000; round++) {
            byte[] mutated = valid.clone();
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            try {
                SecretsFile.read(mutated);
            } catch (SecretsFileFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void readPath_readsTheFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(SecretsFile.FILE_NAME);
        Files.writeString(file, "{\"DB\":" + ENTRY + "}");

        assertThat(SecretsFile.read(file).names()).containsExactly("DB");
    }

    @Test
    void readPath_ofHugeFile_isRefusedBeforeReadingIt(@TempDir Path folder) throws Exception {
        Path file = folder.resolve(SecretsFile.FILE_NAME);
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SecretsFile.MAX_BYTES + 1L);
        }

        assertThatThrownBy(() -> SecretsFile.read(file)).isInstanceOf(SecretsFileFormatException.class)
                .hasMessageContaining("at most " + SecretsFile.MAX_BYTES + " bytes");
    }

    @Test
    void read_ofNull_isANullPointerException() {
        assertThatThrownBy(() -> SecretsFile.read((byte[]) null)).isInstanceOf(NullPointerException.class);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
