package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.runtime.BakedSecretsClient;
import dev.secretbaker.runtime.SecretDecryptionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Seeded fault storms on the bake and the runtime. The bake either succeeds with a complete, correct file, or
 * fails naming every secret it could not read, leaving an older file byte for byte as it was and nothing else;
 * the runtime either succeeds by retrying or fails without caching the failure. Calls run one at a time, so a
 * seed gives the same faults on every run. Figures land in target/security-figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsIntegrationTest {

    private static final int SECRETS = 30;
    private static final String KEY_ALIAS = "alias/faults";
    private static final byte[] OLDER_FILE = "{\"OLDER\":{\"ciphertext\":\"AQID\",\"arn\":\"arn:aws:ssm:us-east-1:111122223333:parameter/older\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Figures FIGURES = Figures.of(FaultsIntegrationTest.class);

    private LocalAws aws;
    private final List<SecretRequest> requests = new ArrayList<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    @BeforeAll
    void createParameters() {
        aws = LocalAws.create().start();
        aws.addPrincipal("deployer", List.of("ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));
        aws.addPrincipal("function", List.of("kms:Decrypt"), List.of("*"));
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("faults")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(key));
            for (int i = 0; i < SECRETS; i++) {
                String name = String.format("SECRET_%02d", i);
                String path = String.format("/faults/s%02d", i);
                String value = "fault-value-" + i;
                ssm.putParameter(r -> r.name(path).value(value).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
                requests.add(new SecretRequest(name, path, "custom.secretBaker." + name));
                values.put(name, value);
            }
        }
    }

    @AfterEach
    void clearFaults() {
        aws.faults().clear();
    }

    @AfterAll
    void stop() {
        aws.close();
    }

    /** Name, seed, throttle rate, 5xx rate, drop rate, added latency (ms), GetParameters TPS cap (0: none), attempts. */
    static Stream<Arguments> storms() {
        return Stream.of(
                Arguments.of("throttling storm", 101L, 0.6, 0.0, 0.0, 0, 0, 4),
                Arguments.of("5xx burst", 102L, 0.0, 0.5, 0.0, 0, 0, 4),
                Arguments.of("dropped connections", 103L, 0.0, 0.0, 0.4, 0, 0, 4),
                Arguments.of("added latency", 104L, 0.0, 0.0, 0.0, 40, 0, 4),
                Arguments.of("TPS cap of 2", 105L, 0.0, 0.0, 0.0, 0, 2, 4),
                Arguments.of("everything at once", 106L, 0.3, 0.2, 0.2, 5, 0, 4),
                Arguments.of("everything at once, 2 attempts", 107L, 0.3, 0.3, 0.2, 0, 0, 2),
                Arguments.of("every call fails", 108L, 0.0, 1.0, 0.0, 0, 0, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storms")
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
    void bake_underAFaultStorm_succeedsCompletely_orFailsNamingEveryFailedSecret_leavingTheOlderFile(String storm,
            long seed, double throttle, double serverErrors, double drops, int latencyMillis, int tpsCap, int attempts,
            @TempDir Path folder) throws Exception {
        Path output = folder.resolve(SecretsFile.FILE_NAME);
        Files.write(output, OLDER_FILE);
        aws.audit().clear();
        aws.faults().seed(seed).throttleRate(throttle).serverErrorRate(serverErrors).dropConnectionRate(drops)
                .latency(Duration.ofMillis(latencyMillis));
        if (tpsCap > 0) {
            aws.faults().tpsLimit("GetParameter,GetParameters", tpsCap);
        }

        BakeResult result = null;
        BakeException failure = null;
        try (Baker baker = deployerBaker(attempts)) {
            result = baker.bake(requests, output);
        } catch (BakeException e) {
            failure = e;
        }
        aws.faults().clear();
        List<AuditEvent> calls = aws.audit().events("deployer");
        long faulted = calls.stream().filter(e -> !e.succeeded()).count();

        if (failure == null) {
            assertThat(result.secretsFile().names()).containsExactlyElementsOf(values.keySet());
            SecretsFile written = SecretsFile.read(output);
            assertThat(written).isEqualTo(result.secretsFile());
            assertDecryptsToTheValues(written);
        } else {
            assertThat(Files.readAllBytes(output)).as("the older file, byte for byte").isEqualTo(OLDER_FILE);
            try (Stream<Path> left = Files.list(folder)) {
                assertThat(left).as("nothing but the older file is left").containsExactly(output);
            }
            String message = failure.getMessage() + failure.problems().stream().map(BakeProblem::describe).toList();
            for (String secret : failedSecrets(calls)) {
                assertThat(Pattern.compile("\\b" + secret + "\\b").matcher(message).find())
                        .as("the failure names " + secret + ":\n" + message).isTrue();
            }
        }
        FIGURES.add("bakeStorms", 1).add(failure == null ? "bakeStormsSucceeded" : "bakeStormsFailedCleanly", 1)
                .add("bakeFaultsInjected", faulted).add("bakeCalls", calls.size());
    }

    /**
     * The secrets the bake could not read, from the emulator's side: a secret is read when a GetParameters call
     * that covered its parameter was answered; if the one DescribeParameters call failed for good, every secret.
     */
    private Set<String> failedSecrets(List<AuditEvent> calls) {
        Set<String> readArns = new LinkedHashSet<>();
        calls.stream().filter(e -> "GetParameters".equals(e.operation()) && e.succeeded())
                .forEach(e -> readArns.addAll(e.resources()));
        List<AuditEvent> describes = calls.stream().filter(e -> "DescribeParameters".equals(e.operation())).toList();
        boolean describeFailed = !describes.isEmpty() && !describes.get(describes.size() - 1).succeeded();
        Set<String> failed = new LinkedHashSet<>();
        for (SecretRequest request : requests) {
            String arn = "arn:aws:ssm:" + aws.region() + ":" + aws.accountId() + ":parameter" + request.parameter();
            if (describeFailed || !readArns.contains(arn)) {
                failed.add(request.name());
            }
        }
        return failed;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
    void bakeOfAThousandSecrets_underParameterStores40TpsCap_completesWithoutAThrottlingFailure(@TempDir Path folder) {
        List<SecretRequest> thousand = new ArrayList<>();
        try (SsmClient ssm = LocalAwsClients.ssm(aws)) {
            for (int i = 0; i < 1000; i++) {
                String path = String.format("/load/p%04d", i);
                ssm.putParameter(r -> r.name(path).value("load-" + path).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS)
                        .overwrite(true));
                thousand.add(new SecretRequest(String.format("LOAD_%04d", i), path, "load"));
            }
        }
        aws.audit().clear();
        aws.faults().tpsLimit("GetParameter,GetParameters", 40);

        BakeResult result;
        try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("deployer"))).build())) {
            result = baker.bake(thousand, folder.resolve(SecretsFile.FILE_NAME));
        }

        assertThat(result.secretsFile().size()).isEqualTo(1000);
        List<AuditEvent> calls = aws.audit().events("deployer");
        long throttled = calls.stream().filter(e -> "ThrottlingException".equals(e.outcome())).count();
        FIGURES.put("loadSecrets", 1000).put("loadCalls", calls.size()).put("loadThrottledAnswers", throttled)
                .put("loadTpsCap", 40);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a hang guard, not a speed check
    void runtime_underAFaultStorm_retriesOrFailsWithoutCachingTheFailure_andSucceedsOnceFaultsClear(@TempDir Path folder)
            throws Exception {
        Path file = folder.resolve(SecretsFile.FILE_NAME);
        try (Baker baker = deployerBaker(4)) {
            baker.bake(requests, file);
        }
        BakedSecretsClient secrets = BakedSecretsClient.builder().file(file).endpoint(aws.endpoint())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("function"))).maxAttempts(2).build();
        aws.audit().clear();
        aws.faults().seed(201).throttleRate(0.3).serverErrorRate(0.25).dropConnectionRate(0.15);

        Set<String> failedDuringStorm = new LinkedHashSet<>();
        for (String name : values.keySet()) {
            SecretDecryptionException failure = catchThrowableOfType(SecretDecryptionException.class, () ->
                    assertThat(secrets.get(name)).isEqualTo(values.get(name)));
            if (failure != null) {
                assertThat(failure.getMessage()).doesNotContain(values.get(name));
                failedDuringStorm.add(name);
            }
        }
        long faulted = aws.audit().events("function").stream().filter(e -> !e.succeeded()).count();
        aws.faults().clear();

        for (String name : values.keySet()) {
            assertThat(secrets.get(name)).isEqualTo(values.get(name));
            assertThat(secrets.get(name)).isEqualTo(values.get(name));
        }

        List<AuditEvent> decrypts = aws.audit().events("function");
        Map<String, Long> successes = new LinkedHashMap<>();
        decrypts.stream().filter(AuditEvent::succeeded).forEach(e -> successes.merge(e.operation(), 1L, Long::sum));
        // One answered Decrypt per secret in all: a success is kept, a failure is not, and is tried again.
        assertThat(successes).containsExactly(Map.entry("Decrypt", (long) SECRETS));
        assertThat(faulted).as("the storm injected faults").isPositive();
        FIGURES.put("runtimeSecrets", SECRETS).put("runtimeFaultsInjected", faulted)
                .put("runtimeSecretsFailedDuringStormThenRecovered", failedDuringStorm.size());
    }

    private Baker deployerBaker(int attempts) {
        return Baker.builder().ssmOptions(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                        .credentialsProvider(LocalAwsClients.credentials(aws.principal("deployer"))).maxAttempts(attempts).build())
                .maxConcurrency(1).requestsPerSecond(1000, 100).build();
    }

    private void assertDecryptsToTheValues(SecretsFile file) {
        try (KmsClient kms = LocalAwsClients.kms(aws, "function")) {
            for (BakedSecret secret : file.secrets()) {
                String plaintext = kms.decrypt(r -> r
                        .ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(secret.ciphertext())))
                        .encryptionContext(Map.of("PARAMETER_ARN", secret.arn()))).plaintext().asUtf8String();
                assertThat(plaintext).as(secret.name()).isEqualTo(values.get(secret.name()));
            }
        }
    }
}
