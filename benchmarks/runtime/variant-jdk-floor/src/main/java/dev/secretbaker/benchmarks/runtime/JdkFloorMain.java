package dev.secretbaker.benchmarks.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The floor: the least a JVM can do to get a plaintext from KMS. One POST of a Decrypt request that the harness
 * built and signed beforehand ({@code FLOOR_BODY}, {@code FLOOR_HEADERS}), with {@link HttpURLConnection} and
 * nothing else: no secrets file, no credentials, no signing, no JSON reader.
 */
public final class JdkFloorMain {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        byte[] body = System.getenv("FLOOR_BODY").getBytes(StandardCharsets.UTF_8);
        HttpURLConnection connection = (HttpURLConnection) new URL(System.getenv("AWS_ENDPOINT_URL") + "/").openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        for (String line : System.getenv("FLOOR_HEADERS").split("\n")) {
            int colon = line.indexOf(':');
            connection.setRequestProperty(line.substring(0, colon), line.substring(colon + 1));
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        String response;
        try (InputStream in = connection.getInputStream()) {
            response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String marker = "\"Plaintext\":\"";
        int from = response.indexOf(marker) + marker.length();
        String value = new String(Base64.getDecoder().decode(response.substring(from, response.indexOf('"', from))),
                StandardCharsets.UTF_8);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0);
    }
}
