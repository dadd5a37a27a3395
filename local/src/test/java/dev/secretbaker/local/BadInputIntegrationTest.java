package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kms.KmsClient;

/** Requests no SDK would send get AWS-shaped 4xx answers, and the server keeps serving. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class BadInputIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension aws = LocalAwsExtension.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void assertAwsError(RawClient.Response response, int status, String code) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("x-amzn-RequestId")).isNotBlank();
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo(code);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("__type").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("at dev.secretbaker", "Exception:", "\tat ");
    }

    private static void assertStillServes(LocalAws emulator) {
        try (KmsClient kms = LocalAwsClients.kms(emulator)) {
            assertThat(kms.listAliases().aliases()).isNotEmpty();
        }
    }

    @Test
    void malformedJson_isSerializationException(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        for (String body : new String[] {"{", "{\"KeyId\":}", "[1,2]", "\"text\"", "{} {}", "{\"a\":1,\"a\":2}"}) {
            assertAwsError(raw.signedPost("kms", "TrentService.DescribeKey", body), 400, "SerializationException");
        }
        assertStillServes(emulator);
    }

    @Test
    void membersOfTheWrongJsonType_areSerializationException(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        assertAwsError(raw.signedPost("kms", "TrentService.DescribeKey", "{\"KeyId\":5}"), 400,
                "SerializationException");
        assertAwsError(raw.signedPost("kms", "TrentService.Encrypt",
                "{\"KeyId\":\"alias/aws/ssm\",\"Plaintext\":\"eA==\",\"EncryptionContext\":{\"a\":1}}"), 400,
                "SerializationException");
        assertAwsError(raw.signedPost("kms", "TrentService.Decrypt", "{\"CiphertextBlob\":\"%%%not base64\"}"), 400,
                "SerializationException");
        assertAwsError(raw.signedPost("ssm", "AmazonSSM.GetParameters", "{\"Names\":\"not-a-list\"}"), 400,
                "SerializationException");
        assertStillServes(emulator);
    }

    @Test
    void missingRequiredMembers_areValidationException(LocalAws emulator) throws IOException {
        RawClient.Response response = new RawClient(emulator).signedPost("kms", "TrentService.DescribeKey", "{}");

        assertAwsError(response, 400, "ValidationException");
        assertThat(JSON.readTree(response.body()).get("message").asText()).isEqualTo("1 validation error detected:"
                + " Value null at 'keyId' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void anUnknownTarget_isUnknownOperationException(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        assertAwsError(raw.signedPost("kms", "TrentService.MakeCoffee", "{}"), 400, "UnknownOperationException");
        assertAwsError(raw.signedPost("kms", "NoSuchService.Decrypt", "{}"), 400, "UnknownOperationException");
        assertAwsError(raw.signedPost("kms", "TrentService", "{}"), 400, "UnknownOperationException");
    }

    @Test
    void missingOrGarbledHeaders_are4xx(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = raw.sign("kms", "TrentService.ListAliases", body, emulator.principal("admin"));

        Map<String, String> noTarget = new LinkedHashMap<>(signed);
        noTarget.remove("X-Amz-Target");
        assertAwsError(raw.post(noTarget, body), 400, "UnknownOperationException");

        Map<String, String> noAuthorization = new LinkedHashMap<>(signed);
        noAuthorization.remove("Authorization");
        assertAwsError(raw.post(noAuthorization, body), 400, "MissingAuthenticationTokenException");

        Map<String, String> garbled = new LinkedHashMap<>(signed);
        garbled.put("Authorization", "AWS4-HMAC-SHA256 Credential");
        assertAwsError(raw.post(garbled, body), 400, "IncompleteSignatureException");

        Map<String, String> noDate = new LinkedHashMap<>(signed);
        noDate.remove("X-Amz-Date");
        assertAwsError(raw.post(noDate, body), 400, "IncompleteSignatureException");

        Map<String, String> badDate = new LinkedHashMap<>(signed);
        badDate.put("X-Amz-Date", "yesterday");
        assertAwsError(raw.post(badDate, body), 400, "IncompleteSignatureException");

        Map<String, String> wrongContentType = new LinkedHashMap<>(signed);
        wrongContentType.put("Content-Type", "text/plain");
        assertAwsError(raw.post(wrongContentType, body), 400, "UnknownOperationException");

        assertStillServes(emulator);
    }

    @Test
    void anOversizeBody_isRequestEntityTooLarge(LocalAws emulator) throws IOException {
        RawClient raw = new RawClient(emulator);
        byte[] body = ("{\"KeyId\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        RawClient.Response response = raw.post(raw.sign("kms", "TrentService.DescribeKey", body,
                emulator.principal("admin")), body);

        assertAwsError(response, 413, "RequestEntityTooLargeException");
        assertStillServes(emulator);
    }

    @Test
    void oversizeValues_areValidationException(LocalAws emulator) throws IOException {
        String plaintext = java.util.Base64.getEncoder().encodeToString(new byte[4097]);
        RawClient.Response response = new RawClient(emulator).signedPost("kms", "TrentService.Encrypt",
                "{\"KeyId\":\"alias/aws/ssm\",\"Plaintext\":\"" + plaintext + "\"}");

        assertAwsError(response, 400, "ValidationException");
        assertThat(response.body()).contains("Member must have length less than or equal to 4096");
    }

    @Test
    void garbageAndHalfSentRequestsOnRawSockets_doNotStopTheServer(LocalAws emulator) throws IOException {
        java.util.Random random = new java.util.Random(99);
        for (int i = 0; i < 30; i++) {
            try (java.net.Socket socket = new java.net.Socket(emulator.endpoint().getHost(),
                    emulator.endpoint().getPort())) {
                socket.setSoTimeout(2_000);
                byte[] garbage = new byte[random.nextInt(2048)];
                random.nextBytes(garbage);
                String start = i % 2 == 0 ? "" : "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1"
                        + "\r\nX-Amz-Target: TrentService.Decrypt\r\nContent-Length: 100000\r\n\r\n";
                socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(garbage);
                socket.getOutputStream().flush();
            }
        }
        assertStillServes(emulator);
    }

    @Test
    void aGetRequest_isAnAwsShapedError(LocalAws emulator) throws IOException {
        var connection = (java.net.HttpURLConnection) emulator.endpoint().resolve("/").toURL().openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(30_000);

        assertAwsError(RawClient.read(connection), 400, "UnknownOperationException");
    }
}
