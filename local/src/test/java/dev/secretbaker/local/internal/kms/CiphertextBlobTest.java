package dev.secretbaker.local.internal.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CiphertextBlobTest {

    @Test
    void canonicalContext_tellsApartContextsWhoseConcatenationsAreEqual() {
        assertThat(CiphertextBlob.canonicalContext(Map.of("ab", "c")))
                .isNotEqualTo(CiphertextBlob.canonicalContext(Map.of("a", "bc")));
        assertThat(CiphertextBlob.canonicalContext(Map.of("a", "b", "c", "d")))
                .isNotEqualTo(CiphertextBlob.canonicalContext(Map.of("a", "bcd")));
    }

    @Test
    void canonicalContext_doesNotDependOnInsertionOrder_andTreatsNoContextAsEmpty() {
        Map<String, String> one = new LinkedHashMap<>();
        one.put("z", "1");
        one.put("a", "2");
        Map<String, String> two = new LinkedHashMap<>();
        two.put("a", "2");
        two.put("z", "1");

        assertThat(CiphertextBlob.canonicalContext(one)).isEqualTo(CiphertextBlob.canonicalContext(two));
        assertThat(CiphertextBlob.canonicalContext(null)).isEqualTo(CiphertextBlob.canonicalContext(Map.of()));
    }

    @Test
    void aBlob_startsLikeAnAwsKmsBlob_andRoundTrips() {
        UUID keyId = UUID.randomUUID();
        byte[] bytes = new CiphertextBlob(keyId, new byte[12], new byte[20]).toBytes();

        assertThat(bytes).startsWith(0x01, 0x02, 0x02, 0x00);
        CiphertextBlob parsed = CiphertextBlob.parse(bytes);
        assertThat(parsed.keyId()).isEqualTo(keyId);
        assertThat(parsed.sealed()).hasSize(20);
        assertThat(CiphertextBlob.parse(new byte[10])).isNull();
    }
}
