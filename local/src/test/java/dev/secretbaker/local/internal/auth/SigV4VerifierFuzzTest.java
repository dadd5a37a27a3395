package dev.secretbaker.local.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any Authorization header, however broken, is refused with one of AWS's authentication errors. */
class SigV4VerifierFuzzTest {

    private static final List<String> PIECES = List.of("AWS4-HMAC-SHA256", " ", ",", "=", "/", "Credential",
            "SignedHeaders", "Signature", "AKIAEXAMPLEEXAMPLE01", "20261128", "us-east-1", "kms", "aws4_request",
            "host;x-amz-date", "0123abcd", "", "\u00e9", "\n", ";");

    @Test
    void randomAuthorizationHeaders_areRefusedWithAuthenticationErrors() {
        SigV4Verifier verifier = new SigV4Verifier("us-east-1", id -> "secret");
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder header = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                header.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("Authorization", List.of(header.toString()));
            if (random.nextBoolean()) {
                headers.put("X-Amz-Date", List.of(random.nextBoolean() ? "20261128T120000Z" : header.toString()));
            }
            headers.put("Host", List.of("127.0.0.1:1"));
            try {
                verifier.verify(new SigV4Verifier.SignedRequest("POST", "/", null, headers, new byte[0]), "kms",
                        Instant.parse("2026-11-28T12:00:00Z"));
                fail("accepted " + header);
            } catch (AwsServiceException e) {
                assertThat(e.errorCode()).isIn("IncompleteSignatureException", "InvalidSignatureException",
                        "MissingAuthenticationTokenException", "UnrecognizedClientException");
                assertThat(e.httpStatus()).isEqualTo(400);
            } catch (RuntimeException e) {
                fail("header " + header + " threw " + e, e);
            }
        }
    }
}
