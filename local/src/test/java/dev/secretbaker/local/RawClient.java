package dev.secretbaker.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hand-made HTTP requests to the emulator through {@link HttpURLConnection}, signed (when asked) by the AWS
 * SDK's own SigV4 signer, for what the SDK clients never send: malformed bodies, wrong headers, tampering.
 */
final class RawClient {

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final LocalAws aws;

    RawClient(LocalAws aws) {
        this.aws = aws;
    }

    /** Signed headers for a POST / with this body, as the SDK would sign them for this principal. */
    Map<String, String> sign(String service, String target, byte[] body, LocalPrincipal principal) {
        URI endpoint = aws.endpoint();
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath("/")
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", target)
                .putHeader("Host", endpoint.getHost() + ":" + endpoint.getPort())
                .build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(principal.accessKeyId(), principal.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region()));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> headers.put(name, values.get(0)));
        return headers;
    }

    Response post(Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) aws.endpoint().resolve("/").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Host")) {
                connection.setRequestProperty(name, value);
            }
        });
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        return read(connection);
    }

    Response post(Map<String, String> headers, String body) throws IOException {
        return post(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A correctly signed JSON 1.1 request as admin. */
    Response signedPost(String service, String target, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(sign(service, target, bytes, aws.principal(LocalAws.ADMIN)), bytes);
    }

    static Response read(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (in != null) {
            try (in) {
                in.transferTo(bytes);
            }
        }
        return new Response(status, connection.getHeaderFields(), bytes.toString(StandardCharsets.UTF_8));
    }
}
