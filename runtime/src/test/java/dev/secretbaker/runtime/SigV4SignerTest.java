package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** SigV4Signer gives, for the requests the runtime sends, exactly the headers the AWS SDK's own signer gives. */
class SigV4SignerTest {

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/x-amz-json-1.1",
            "X-Amz-Target", "TrentService.Decrypt");

    @ParameterizedTest
    @CsvSource({
            "https://kms.us-east-1.amazonaws.com, us-east-1, '', 2026-11-28T12:00:00Z",
            "https://kms.cn-north-1.amazonaws.com.cn/, cn-north-1, session-token-1, 2026-01-01T23:59:59Z",
            "http://127.0.0.1:50123, eu-west-1, '', 2030-02-28T00:00:01Z",
            "http://localhost:8080/kms/, us-gov-west-1, IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==, 2026-06-15T08:30:00Z",
    })
    void sign_matchesTheSdkSigner(String endpoint, String region, String sessionToken, String time) {
        URI uri = URI.create(endpoint);
        byte[] body = "{\"CiphertextBlob\":\"AQID\",\"EncryptionContext\":{\"PARAMETER_ARN\":\"arn:aws:ssm:x\"}}"
                .getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse(time);
        String token = sessionToken.isEmpty() ? null : sessionToken;
        AwsCredentials credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);

        Map<String, String> ours = SigV4Signer.sign(uri, HEADERS, body, "kms", region, credentials, now);

        AwsCredentialsIdentity identity = token == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(), token);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri);
        HEADERS.forEach(request::putHeader);
        SdkHttpRequest theirs = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request.build())
                .payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC))).request();

        assertThat(ours.get("Authorization")).isEqualTo(theirs.firstMatchingHeader("Authorization").orElseThrow());
        assertThat(ours.get("X-Amz-Date")).isEqualTo(theirs.firstMatchingHeader("X-Amz-Date").orElseThrow());
        assertThat(ours.get("X-Amz-Content-Sha256")).isEqualTo(theirs.firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        assertThat(ours.get("X-Amz-Security-Token")).isEqualTo(theirs.firstMatchingHeader("X-Amz-Security-Token").orElse(null));
    }

    @Test
    void canonicalValue_trimsAndCollapsesSpaces() {
        assertThat(SigV4Signer.canonicalValue("  a   b c  ")).isEqualTo("a b c");
    }

    @Test
    void host_leavesOutDefaultPorts() {
        assertThat(SigV4Signer.host(URI.create("https://kms.us-east-1.amazonaws.com:443/"))).isEqualTo("kms.us-east-1.amazonaws.com");
        assertThat(SigV4Signer.host(URI.create("http://127.0.0.1:8080"))).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void credentials_toStringShowsNoSecret() {
        assertThat(new AwsCredentials("AKID", "the-secret-key", "the-token").toString())
                .contains("AKID").doesNotContain("the-secret-key").doesNotContain("the-token");
    }
}
