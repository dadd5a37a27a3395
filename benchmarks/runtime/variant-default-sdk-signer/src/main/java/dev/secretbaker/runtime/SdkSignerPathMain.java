package dev.secretbaker.runtime;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The default path with one change: requests are signed by the SDK's standalone {@code AwsV4HttpSigner}, as the
 * first design did. In the runtime's package to reach the builder's package-private signer seam.
 */
public final class SdkSignerPathMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        BakedSecretsClient secrets = BakedSecretsClient.builder().signer(new SdkSigner()).build();
        String value = secrets.get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0);
    }

    static final class SdkSigner implements RequestSigner {
        private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

        @Override
        public Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body, String service,
                String region, AwsCredentials credentials, Instant now) {
            AwsCredentialsIdentity identity = credentials.sessionToken() == null
                    ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey())
                    : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                            credentials.sessionToken());
            SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
            headers.forEach(request::putHeader);
            SdkHttpRequest signed = signer.sign(r -> r
                    .identity(identity)
                    .request(request.build())
                    .payload(() -> new ByteArrayInputStream(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, ZoneOffset.UTC))).request();
            Map<String, String> out = new HashMap<>();
            for (Map.Entry<String, List<String>> header : signed.headers().entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Host") && !headers.containsKey(header.getKey())) {
                    out.put(header.getKey(), String.join(",", header.getValue()));
                }
            }
            return out;
        }
    }
}
