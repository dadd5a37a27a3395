package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The emulator's request handling from raw bytes on its socket: any bytes (HTTP, headers, SigV4, JSON body) and
 * any correctly signed body for any operation are answered with a 2xx or an AWS error of the 4xx kind (or the
 * HTTP layer's 501/505 for a transfer coding or version it does not speak), or the connection is closed; never
 * the 500 InternalFailure that means an exception the emulator did not expect, never a hang, and the emulator
 * keeps serving.
 */
class EmulatorRequestFuzzTest {

    /** The first byte of a signed-body input picks one of these; the rest is the body. */
    private static final List<String> OPERATIONS = List.of(
            "AmazonSSM.PutParameter", "AmazonSSM.GetParameter", "AmazonSSM.GetParameters",
            "AmazonSSM.GetParametersByPath", "AmazonSSM.GetParameterHistory", "AmazonSSM.DescribeParameters",
            "AmazonSSM.LabelParameterVersion", "AmazonSSM.DeleteParameter", "TrentService.CreateKey",
            "TrentService.CreateAlias", "TrentService.ListAliases", "TrentService.DescribeKey", "TrentService.Encrypt",
            "TrentService.Decrypt", "TrentService.GenerateDataKey", "TrentService.DisableKey",
            "TrentService.EnableKey", "TrentService.ScheduleKeyDeletion", "AmazonSSM.NoSuchOperation");
    private static final int READ_TIMEOUT_MILLIS = 15_000;
    private static final AtomicLong SIGNED_EXECUTIONS = new AtomicLong();
    private static final AtomicLong RAW_EXECUTIONS = new AtomicLong();

    private static LocalAws aws;
    private static LocalPrincipal admin;

    /** Started on first use: a coverage-guided run calls the targets without the class's lifecycle methods. */
    private static synchronized LocalAws aws() {
        if (aws == null) {
            aws = LocalAws.create().start();
            admin = aws.principal(LocalAws.ADMIN);
            try (KmsClient kms = LocalAwsClients.kms(aws)) {
                String key = kms.createKey(r -> r.description("fuzz")).keyMetadata().keyId();
                kms.createAlias(r -> r.aliasName("alias/fuzz").targetKeyId(key));
            }
        }
        return aws;
    }

    @AfterAll
    static void stillServing_andFigures() {
        if (aws == null) {
            return;
        }
        assertThat(aws.audit().events()).noneMatch(e -> "InternalFailure".equals(e.outcome()));
        try (KmsClient kms = LocalAwsClients.kms(aws)) {
            assertThat(kms.listAliases().aliases()).isNotEmpty();
        } finally {
            aws.close();
        }
        Figures.of(EmulatorRequestFuzzTest.class).put("signedRequestExecutions", SIGNED_EXECUTIONS.get())
                .put("rawHttpExecutions", RAW_EXECUTIONS.get());
    }

    @FuzzTest
    void signedRequest(byte[] input) {
        SIGNED_EXECUTIONS.incrementAndGet();
        String target = OPERATIONS.get(input.length == 0 ? 0 : (input[0] & 0xff) % OPERATIONS.size());
        byte[] body = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
        URI endpoint = aws().endpoint();
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", target)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(admin.accessKeyId(), admin.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, target.startsWith("AmazonSSM") ? "ssm" : "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region()));
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] wire = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, wire, headBytes.length, body.length);
        assertNoServerError(target, exchange(wire));
    }

    @FuzzTest
    void rawHttp(byte[] input) {
        RAW_EXECUTIONS.incrementAndGet();
        assertNoServerError("raw bytes", exchange(input));
    }

    private static void assertNoServerError(String what, byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ")) {
            return; // the connection was closed without an answer: refused at the HTTP level
        }
        int status = Integer.parseInt(text.substring(9, 12));
        // 501 and 505 come from the JDK's HTTP layer for a transfer coding or HTTP version it does not speak, as
        // AWS endpoints refuse them; a 500 is the emulator's answer to an exception it did not expect.
        assertThat(status).as(what + " answered:\n" + text).isNotEqualTo(500);
        assertThat(status == 501 || status == 505 || (status >= 200 && status < 500)).as(what + " answered:\n" + text).isTrue();
        assertThat(text).as(what + " answered:\n" + text).doesNotContain("InternalFailure");
    }

    /** Writes the bytes, closes the sending side, and reads the whole answer. */
    private static byte[] exchange(byte[] wire) {
        URI endpoint = aws().endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(wire);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedMidRequest) {
                // the server may answer and close before reading everything
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    response.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("The emulator neither answered nor closed the connection in "
                        + READ_TIMEOUT_MILLIS + " ms", e);
            } catch (IOException reset) {
                // closed by the server
            }
            return response.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard
    void signedRequest_seededMutationsOfTheCorpus() {
        List<byte[]> dictionary = SecretsFileFuzzTest.tokens("{", "}", "[", "]", "\"Name\"", "\"Names\"", "\"Value\"",
                "\"Type\"", "\"SecureString\"", "\"KeyId\"", "\"alias/fuzz\"", "\"alias/aws/ssm\"", "\"WithDecryption\"",
                "true", "\"CiphertextBlob\"", "\"EncryptionContext\"", "\"Plaintext\"", "\"AQID\"", "\"Tier\"",
                "\"Advanced\"", "\"MaxResults\"", "\"ParameterFilters\"", "\"/a/b\"", "\"x:1\"", "null", "1e309", "-1");
        for (byte[] input : FuzzInputs.mutations(FuzzInputs.corpus(EmulatorRequestFuzzTest.class, "signedRequest"),
                7_004L, 3_000, dictionary)) {
            signedRequest(input);
        }
    }

    /**
     * Every member of every corpus body (nested ones too) given a value of each other JSON type in turn: byte
     * mutations seldom keep a body valid JSON, and these reach each operation's checks of its members' types.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard
    void signedRequest_everyMemberOfTheCorpusWithEveryWrongType() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> replacements = List.of(json.readTree("1"), json.readTree("-1"), json.readTree("1.5e300"),
                json.readTree("true"), json.readTree("null"), json.readTree("[]"), json.readTree("{}"),
                json.readTree("\"\""), json.readTree("[1,\"a\"]"), json.readTree("{\"a\":1}"),
                json.readTree("\"" + "x".repeat(5000) + "\""), json.readTree("99999999999999999999"));
        for (byte[] seed : FuzzInputs.corpus(EmulatorRequestFuzzTest.class, "signedRequest")) {
            JsonNode body;
            try {
                body = json.readTree(Arrays.copyOfRange(seed, 1, seed.length));
            } catch (IOException notJson) {
                continue;
            }
            for (List<Object> path : memberPaths(body, new ArrayList<>())) {
                for (JsonNode replacement : replacements) {
                    JsonNode changed = body.deepCopy();
                    replace(changed, path, replacement);
                    byte[] bytes = json.writeValueAsBytes(changed);
                    byte[] input = new byte[bytes.length + 1];
                    input[0] = seed[0];
                    System.arraycopy(bytes, 0, input, 1, bytes.length);
                    signedRequest(input);
                }
            }
        }
    }

    private static List<List<Object>> memberPaths(JsonNode node, List<Object> at) {
        List<List<Object>> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> path = new ArrayList<>(at);
                path.add(name);
                paths.add(path);
                paths.addAll(memberPaths(node.get(name), path));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> path = new ArrayList<>(at);
                path.add(i);
                paths.add(path);
                paths.addAll(memberPaths(node.get(i), path));
            }
        }
        return paths;
    }

    private static void replace(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode parent = root;
        for (Object step : path.subList(0, path.size() - 1)) {
            parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).set(name, value);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard
    void rawHttp_seededMutationsOfTheCorpus() {
        List<byte[]> dictionary = SecretsFileFuzzTest.tokens("\r\n", ": ", "Content-Length: ", "Transfer-Encoding: chunked\r\n",
                "Authorization: AWS4-HMAC-SHA256 Credential=", "/", "SignedHeaders=", "Signature=", "X-Amz-Date: ",
                "X-Amz-Target: AmazonSSM.GetParameters\r\n", "0\r\n\r\n", "GET ", "POST ", "HTTP/1.0", "Expect: 100-continue\r\n");
        for (byte[] input : FuzzInputs.mutations(FuzzInputs.corpus(EmulatorRequestFuzzTest.class, "rawHttp"),
                7_005L, 2_000, dictionary)) {
            rawHttp(input);
        }
    }
}
