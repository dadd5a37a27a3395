package dev.secretbaker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

class StatePersistenceIntegrationTest {

    private static final Map<String, String> CONTEXT = Map.of("PARAMETER_ARN",
            "arn:aws:ssm:us-east-1:111122223333:parameter/persisted");

    @Test
    void aRestartOnTheSameStateFile_keepsKeysAliasesParametersAndOldCiphertextsDecrypt(@TempDir Path dir) {
        Path stateFile = dir.resolve("state.json");
        String keyArn;
        SdkBytes blob;
        try (LocalAws aws = LocalAws.builder().stateFile(stateFile).build().start();
                KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            keyArn = kms.createKey(b -> b.description("kept")).keyMetadata().arn();
            kms.createAlias(b -> b.aliasName("alias/kept").targetKeyId(keyArn));
            blob = kms.encrypt(b -> b.keyId("alias/kept").plaintext(SdkBytes.fromUtf8String("still here"))
                    .encryptionContext(CONTEXT)).ciphertextBlob();
            ssm.putParameter(b -> b.name("/kept/secret").type(ParameterType.SECURE_STRING).keyId("alias/kept")
                    .value("v1"));
            ssm.putParameter(b -> b.name("/kept/secret").type(ParameterType.SECURE_STRING).keyId("alias/kept")
                    .value("v2").overwrite(true));
            ssm.labelParameterVersion(b -> b.name("/kept/secret").parameterVersion(1L).labels("first"));
        }
        assertThat(stateFile).exists();

        try (LocalAws aws = LocalAws.builder().stateFile(stateFile).build().start();
                KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            assertThat(kms.describeKey(b -> b.keyId("alias/kept")).keyMetadata().arn()).isEqualTo(keyArn);
            assertThat(kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(CONTEXT)).plaintext().asUtf8String())
                    .isEqualTo("still here");
            assertThat(ssm.getParameter(b -> b.name("/kept/secret").withDecryption(true)).parameter().value())
                    .isEqualTo("v2");
            assertThat(ssm.getParameter(b -> b.name("/kept/secret:first").withDecryption(true)).parameter().value())
                    .isEqualTo("v1");
            assertThat(ssm.getParameterHistory(b -> b.name("/kept/secret")).parameters()).hasSize(2);
        }
    }

    @Test
    void aStateFileThatIsNotOne_failsTheStart_sayingWhatToDo(@TempDir Path dir) throws IOException {
        Path stateFile = dir.resolve("state.json");
        Files.writeString(stateFile, "{\"format\": 1, \"kms\": {\"keys\": [");

        assertThatThrownBy(() -> LocalAws.builder().stateFile(stateFile).build().start())
                .isInstanceOf(LocalAwsException.class)
                .hasMessageContaining(stateFile.getFileName().toString())
                .hasMessageContaining("is not valid JSON")
                .hasMessageContaining("move it away to start from an empty state");
    }

    @Test
    void theStateFile_holdsNoPlaintextOfSecureStrings(@TempDir Path dir) throws IOException {
        Path stateFile = dir.resolve("state.json");
        try (LocalAws aws = LocalAws.builder().stateFile(stateFile).build().start();
                SsmClient ssm = LocalAwsClients.ssm(aws)) {
            ssm.putParameter(b -> b.name("canary").type(ParameterType.SECURE_STRING).value("CANARY-7f3a9c"));
        }
        assertThat(Files.readString(stateFile)).doesNotContain("CANARY-7f3a9c");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aProcessKilledWhileWriting_leavesAStateFileThatParsesAndHoldsEveryAcknowledgedChange(@TempDir Path dir)
            throws Exception {
        Path stateFile = dir.resolve("state.json");
        Map<String, SdkBytes> acknowledged = new ConcurrentHashMap<>();
        for (int round = 0; round < 3; round++) {
            Process child = startChild(stateFile);
            try {
                URI endpoint = readEndpoint(child);
                runLoadAndKill(child, endpoint, acknowledged, 30 * (round + 1));
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }

            JsonNode state = new ObjectMapper().readTree(stateFile.toFile());
            assertThat(state.path("format").asInt()).isEqualTo(1);
            try (LocalAws aws = LocalAws.builder().stateFile(stateFile).principal(StateFileWriterProcess.ADMIN)
                    .build().start(); KmsClient kms = LocalAwsClients.kms(aws)) {
                for (var entry : acknowledged.entrySet()) {
                    assertThat(kms.decrypt(b -> b.ciphertextBlob(entry.getValue()).encryptionContext(CONTEXT))
                            .keyId()).isEqualTo(entry.getKey());
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(30);
    }

    private static Process startChild(Path stateFile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StateFileWriterProcess.class.getName(), stateFile.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static URI readEndpoint(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("ENDPOINT ")) {
                return URI.create(line.substring("ENDPOINT ".length()).trim());
            }
        }
        throw new IllegalStateException("The emulator process ended without starting");
    }

    /**
     * Eight clients create keys and encrypt with them as fast as they can; once {@code target} keys are
     * acknowledged, the child is killed while the others are still mid-request (and so mid-write).
     */
    private static void runLoadAndKill(Process child, URI endpoint, Map<String, SdkBytes> acknowledged, int target)
            throws InterruptedException {
        AtomicInteger created = new AtomicInteger(acknowledged.size());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<KmsClient> clients = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            KmsClient kms = KmsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(LocalAwsClients.credentials(StateFileWriterProcess.ADMIN))
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                    .build();
            clients.add(kms);
            pool.submit(() -> {
                while (child.isAlive()) {
                    try {
                        String arn = kms.createKey(b -> b.description("load")).keyMetadata().arn();
                        SdkBytes blob = kms.encrypt(b -> b.keyId(arn).plaintext(SdkBytes.fromUtf8String(arn))
                                .encryptionContext(CONTEXT)).ciphertextBlob();
                        acknowledged.put(arn, blob);
                        if (created.incrementAndGet() >= target) {
                            child.destroyForcibly();
                        }
                    } catch (RuntimeException e) {
                        return; // the process is gone
                    }
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
        clients.forEach(KmsClient::close);
    }
}
