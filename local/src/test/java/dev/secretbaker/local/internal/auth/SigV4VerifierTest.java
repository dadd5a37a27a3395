package dev.secretbaker.local.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The verifier accepts exactly what the AWS SDK's own SigV4 signer produces, and nothing altered. */
class SigV4VerifierTest {

    private static final String KEY_ID = "AKIAEXAMPLEEXAMPLE01";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final SigV4Verifier verifier = new SigV4Verifier("us-east-1", id -> id.equals(KEY_ID) ? SECRET : null);

    private static SigV4Verifier.SignedRequest signed(SdkHttpRequest request, byte[] body, Instant at,
            boolean payloadSigning) {
        var result = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        result.request().headers().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        return new SigV4Verifier.SignedRequest("POST", result.request().encodedPath(),
                result.request().encodedQueryParameters().orElse(null), headers, body);
    }

    private static SdkHttpRequest.Builder request() {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).protocol("http").host("127.0.0.1").port(4566)
                .encodedPath("/")
                .putHeader("Host", "127.0.0.1:4566")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "TrentService.Decrypt");
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRequestSignedByTheSdk_verifies() {
        var request = signed(request().build(), body("{\"KeyId\":\"alias/x\"}"), NOW, true);

        assertThat(verifier.verify(request, "kms", NOW).accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void pathsQueriesAndHeadersWithOddSpacing_verify() {
        SdkHttpRequest odd = request().encodedPath("/some%20path/a=b")
                .putRawQueryParameter("b", "2 3").putRawQueryParameter("a", List.of("z", "y"))
                .putHeader("X-Custom", "  several   spaces  inside ")
                .appendHeader("X-Multi", "one").appendHeader("X-Multi", "two")
                .build();

        var request = signed(odd, body("{}"), NOW, true);

        assertThat(verifier.verify(request, "kms", NOW).service()).isEqualTo("kms");
    }

    @Test
    void anUnsignedPayload_verifies_whenTheClientSaysSo() {
        // Over HTTPS with payload signing off, the SDK signs the literal UNSIGNED-PAYLOAD instead of the body hash.
        var request = signed(request().protocol("https").port(443).putHeader("Host", "127.0.0.1").build(),
                body("{}"), NOW, false);

        assertThat(request.headers().get("x-amz-content-sha256")).containsExactly("UNSIGNED-PAYLOAD");
        assertThat(verifier.verify(request, "kms", NOW)).isNotNull();
    }

    @Test
    void aDeclaredPayloadHash_isNotTrusted_theBodyReceivedIsHashed() {
        var original = signed(request().putHeader("x-amz-content-sha256",
                "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a").build(), body("{}"), NOW, true);
        var otherBody = new SigV4Verifier.SignedRequest("POST", "/", null, original.headers(), body("{\"a\":1}"));

        assertThat(verifier.verify(original, "kms", NOW)).isNotNull();
        assertThatThrownBy(() -> verifier.verify(otherBody, "kms", NOW))
                .hasMessageContaining("The request signature we calculated does not match");
    }

    @Test
    void aChangedBodyHeaderOrMethod_failsAsInvalidSignature() {
        var original = signed(request().build(), body("{\"KeyId\":\"alias/x\"}"), NOW, true);

        var otherBody = new SigV4Verifier.SignedRequest("POST", "/", null, original.headers(),
                body("{\"KeyId\":\"alias/y\"}"));
        Map<String, List<String>> headers = new LinkedHashMap<>(original.headers());
        headers.put("X-Amz-Target", List.of("TrentService.Encrypt"));
        var otherHeader = new SigV4Verifier.SignedRequest("POST", "/", null, headers, original.body());

        for (var tampered : List.of(otherBody, otherHeader)) {
            assertThatThrownBy(() -> verifier.verify(tampered, "kms", NOW))
                    .isInstanceOf(AwsServiceException.class)
                    .satisfies(e -> assertThat(((AwsServiceException) e).errorCode())
                            .isEqualTo("InvalidSignatureException"))
                    .hasMessageContaining("The Canonical String for this request should have been");
        }
    }

    /** Signs a request correctly, but over only the given headers, as a hostile or careless client might. */
    private static SigV4Verifier.SignedRequest signedOver(List<String> signedHeaders, Map<String, List<String>> headers,
            byte[] body) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        String amzDate = lower.get("x-amz-date").get(0);
        var unsigned = new SigV4Verifier.SignedRequest("POST", "/", null, headers, body);
        String canonical = SigV4Verifier.canonicalRequest(unsigned, lower, signedHeaders);
        String scope = amzDate.substring(0, 8) + "/us-east-1/kms/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + SigV4Verifier.hex(SigV4Verifier.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        String signature = SigV4Verifier.hex(SigV4Verifier.signature(SECRET, amzDate.substring(0, 8), "us-east-1", "kms", toSign));
        Map<String, List<String>> withAuth = new LinkedHashMap<>(headers);
        withAuth.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/" + scope + ", SignedHeaders="
                + String.join(";", signedHeaders) + ", Signature=" + signature));
        return new SigV4Verifier.SignedRequest("POST", "/", null, withAuth, body);
    }

    private static Map<String, List<String>> jsonHeaders(String target) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("127.0.0.1:4566"));
        headers.put("Content-Type", List.of("application/x-amz-json-1.1"));
        headers.put("X-Amz-Target", List.of(target));
        headers.put("X-Amz-Date", List.of("20261128T120000Z"));
        return headers;
    }

    @Test
    void anUnsignedTarget_isRefused_soASignatureForOneOperationCannotRunAnother() {
        // Signed as a Decrypt over host and date only; the unsigned target says ScheduleKeyDeletion.
        var request = signedOver(List.of("host", "x-amz-date"), jsonHeaders("TrentService.ScheduleKeyDeletion"), body("{}"));

        assertThatThrownBy(() -> verifier.verify(request, "kms", NOW))
                .isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).errorCode()).isEqualTo("IncompleteSignatureException"))
                .hasMessageContaining("not signed: x-amz-target");
    }

    @Test
    void anUnsignedDate_isRefused() {
        var request = signedOver(List.of("host", "x-amz-target"), jsonHeaders("TrentService.Decrypt"), body("{}"));

        assertThatThrownBy(() -> verifier.verify(request, "kms", NOW)).hasMessageContaining("not signed: x-amz-date");
    }

    @Test
    void theSameRequestSignedOverEveryAmzHeader_verifies() {
        var request = signedOver(List.of("host", "x-amz-date", "x-amz-target"), jsonHeaders("TrentService.Decrypt"), body("{}"));

        assertThat(verifier.verify(request, "kms", NOW).accessKeyId()).isEqualTo(KEY_ID);
    }

    @Test
    void aSignatureOlderThanFifteenMinutes_hasExpired() {
        var request = signed(request().build(), body("{}"), NOW.minus(Duration.ofMinutes(16)), true);

        assertThatThrownBy(() -> verifier.verify(request, "kms", NOW))
                .hasMessageStartingWith("Signature expired: 20261128T114400Z is now earlier than 20261128T114500Z");
    }

    @Test
    void aSignatureFromTheFuture_isNotYetCurrent() {
        var request = signed(request().build(), body("{}"), NOW.plus(Duration.ofMinutes(16)), true);

        assertThatThrownBy(() -> verifier.verify(request, "kms", NOW))
                .hasMessageStartingWith("Signature not yet current:");
    }

    @Test
    void anAuthorizationHeaderWithoutItsParts_isIncomplete() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20261128/us-east-1/kms/aws4_request"));
        headers.put("X-Amz-Date", List.of("20261128T120000Z"));

        assertThatThrownBy(() -> verifier.verify(new SigV4Verifier.SignedRequest("POST", "/", null, headers,
                new byte[0]), "kms", NOW))
                .satisfies(e -> assertThat(((AwsServiceException) e).errorCode())
                        .isEqualTo("IncompleteSignatureException"))
                .hasMessageContaining("Authorization header requires 'Signature' parameter.")
                .hasMessageContaining("Authorization header requires 'SignedHeaders' parameter.");
    }
}
