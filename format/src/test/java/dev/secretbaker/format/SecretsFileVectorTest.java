package dev.secretbaker.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pins the writer to the bytes Node's JSON.stringify produced for each vector (see src/test/vectors/generate.js). */
class SecretsFileVectorTest {

    static Stream<Vectors.Vector> vectors() {
        return Vectors.all();
    }

    @Test
    void vectorFolder_holdsEveryGeneratedCase() {
        assertThat(Vectors.all().map(Vectors.Vector::name)).contains(
                "empty", "readme-single", "readme-mixed", "configuration-order", "integer-like-names", "escaping",
                "non-ascii", "lone-surrogates", "partitions", "many", "random");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void toJson_writesExactlyTheBytesOfJsonStringify(Vectors.Vector vector) {
        byte[] written = SecretsFile.of(vector.entries()).toJson();

        assertThat(new String(written, StandardCharsets.UTF_8))
                .as(vector.description())
                .isEqualTo(new String(vector.expected(), StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(vector.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void read_ofJsonStringifyOutput_givesBackTheSameSecrets(Vectors.Vector vector) {
        SecretsFile read = SecretsFile.read(vector.expected());

        assertThat(read).isEqualTo(SecretsFile.of(vector.entries()));
        assertThat(read.secrets()).containsExactlyInAnyOrderElementsOf(vector.entries());
        assertThat(read.toJson()).isEqualTo(vector.expected());
    }

    @Test
    void integerLikeNames_comeFirstInAscendingOrder_thenTheRestInConfigurationOrder() {
        SecretsFile file = SecretsFile.of(Vectors.load("integer-like-names").entries());

        assertThat(file.names()).containsExactly(
                "0", "2", "3", "10", "4294967294",
                "B", "A", "01", "-1", "1.0", "4294967295", "4294967296", "9007199254740993", " 1", "1 ", "+1",
                "1e3", "00", "-0", "0x1", "\u0661");
    }

    @Test
    void expectedFiles_haveNoTrailingNewline() {
        Vectors.all().forEach(vector ->
                assertThat(vector.expected()[vector.expected().length - 1]).as(vector.name()).isEqualTo((byte) '}'));
    }
}
