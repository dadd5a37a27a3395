package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.secretbaker.format.PrintableText;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.format.SecretsFileFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The secrets-file reader, the runtime's only outside input: any bytes are read, or refused with
 * {@link SecretsFileFormatException}; nothing else is thrown, nothing hangs, and what is read writes back to
 * what reads the same.
 */
class SecretsFileFuzzTest {

    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static final AtomicLong ACCEPTED = new AtomicLong();

    @FuzzTest
    void read(byte[] input) {
        EXECUTIONS.incrementAndGet();
        SecretsFile file;
        try {
            file = SecretsFile.read(input);
        } catch (SecretsFileFormatException expected) {
            return;
        }
        ACCEPTED.incrementAndGet();
        assertThat(SecretsFile.read(file.toJson())).isEqualTo(file);
        for (var secret : file.secrets()) {
            // What list and the runtime's messages print of a name or ARN from a file is escaped to printable text.
            assertThat(PrintableText.firstUnprintable(PrintableText.escape(secret.name()))).isEqualTo(-1);
            assertThat(PrintableText.firstUnprintable(PrintableText.escape(secret.arn()))).isEqualTo(-1);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES) // a hang guard
    void read_seededMutationsOfTheCorpus() {
        List<byte[]> corpus = FuzzInputs.corpus(SecretsFileFuzzTest.class, "read");
        List<byte[]> dictionary = tokens("{", "}", "[", "]", "\"", ":", ",", "\\u0000", "\\ud800", "\"ciphertext\"",
                "\"arn\"", "arn:aws:ssm:us-east-1:111122223333:parameter/x", "null", "1e999", "[".repeat(100), "\u00ff");
        for (byte[] input : FuzzInputs.mutations(corpus, 7_001L, 20_000, dictionary)) {
            read(input);
        }
    }

    static List<byte[]> tokens(String... tokens) {
        return java.util.Arrays.stream(tokens).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @AfterAll
    static void figures() {
        Figures.of(SecretsFileFuzzTest.class).put("executions", EXECUTIONS.get()).put("accepted", ACCEPTED.get());
    }
}
