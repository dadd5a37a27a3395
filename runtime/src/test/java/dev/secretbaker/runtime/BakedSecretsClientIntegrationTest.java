package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalPrincipal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ssm.model.ParameterTier;

/**
 * The runtime against the emulator over real HTTP, through both KMS paths: the built-in signed HttpURLConnection
 * path and a user's SDK {@code KmsClient}. Both must behave and fail the same way.
 */
class BakedSecretsClientIntegrationTest {

    private static final String PASSWORD = "correct horse battery staple";

    private static Emulator emulator;
    private static String keyArn;
    private static BakedSecret dbPassword;
    private static BakedSecret apiKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.start();
        keyArn = emulator.createKey();
        dbPassword = emulator.bake("DB_PASSWORD", PASSWORD, keyArn);
        apiKey = emulator.bake("API_KEY", "k-\u00e9t\u00e9-\u2603", keyArn);
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void clearFaultsAndAudit() {
        emulator.aws.faults().clear();
        emulator.clearAudit();
    }

    /** A way to reach KMS: a client builder for (file, principal) that makes at most {@code attempts} calls per Decrypt. */
    interface KmsPath {
        BakedSecretsClient.Builder apply(Path file, LocalPrincipal principal, int attempts);

        default BakedSecretsClient.Builder apply(Path file, LocalPrincipal principal) {
            return apply(file, principal, 4);
        }
    }

    /**
     * The two ways to reach KMS. The built-in path retries with the runtime's policy; a user's SDK client retries with
     * its own strategy, and the runtime adds none on top.
     */
    static Stream<Arguments> paths() {
        KmsPath signedHttp = (file, p, attempts) -> emulator.client(file, p).maxAttempts(attempts);
        KmsPath sdk = (file, p, attempts) -> emulator.client(file, p).kmsClient(emulator.kmsClient(p, attempts));
        return Stream.of(Arguments.of("signed HttpURLConnection", signedHttp), Arguments.of("SDK KmsClient", sdk));
    }

    private LocalPrincipal admin() {
        return emulator.aws.principal(LocalAws.ADMIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_decryptsWithOneKmsCallUnderTheParameterArn(String path,
            KmsPath builder) throws Exception {
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword, apiKey), admin()).build();

        assertThat(secrets.get("DB_PASSWORD")).isEqualTo(PASSWORD);
        assertThat(secrets.get("API_KEY")).isEqualTo("k-\u00e9t\u00e9-\u2603");
        assertThat(secrets.getBytes("API_KEY")).isEqualTo("k-\u00e9t\u00e9-\u2603".getBytes(StandardCharsets.UTF_8));

        List<AuditEvent> calls = emulator.decryptEvents();
        assertThat(calls).hasSize(2).allMatch(AuditEvent::succeeded);
        assertThat(calls.get(0).resources()).contains(keyArn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_onAWarmPath_makesNoKmsCall(String path, KmsPath builder)
            throws Exception {
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin()).build();
        secrets.get("DB_PASSWORD");
        emulator.clearAudit();

        for (int i = 0; i < 100; i++) {
            assertThat(secrets.get("DB_PASSWORD")).isEqualTo(PASSWORD);
            secrets.getBytes("DB_PASSWORD");
        }
        secrets.getAll();
        secrets.preload();

        assertThat(emulator.decryptCalls()).isZero();
    }

    @Test
    void copyToSystemProperties_setsOnlyTheNamedProperties_withOneKmsCallEach() throws Exception {
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, dbPassword, apiKey), admin()).build();
        try {
            secrets.copyToSystemProperties(Map.of("DB_PASSWORD", "javax.net.ssl.keyStorePassword"));
            secrets.copyToSystemProperties("API_KEY");

            assertThat(System.getProperty("javax.net.ssl.keyStorePassword")).isEqualTo(PASSWORD);
            assertThat(System.getProperty("API_KEY")).isEqualTo("k-\u00e9t\u00e9-\u2603");
            assertThat(System.getProperty("DB_PASSWORD")).isNull();
            assertThat(emulator.decryptCalls()).isEqualTo(2);
        } finally {
            System.clearProperty("javax.net.ssl.keyStorePassword");
            System.clearProperty("API_KEY");
        }
    }

    @Test
    void copyToSystemProperties_withAMissingSecret_setsNone() throws Exception {
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, dbPassword), admin()).build();

        assertThatThrownBy(() -> secrets.copyToSystemProperties("DB_PASSWORD", "NO_SUCH_SECRET"))
                .isInstanceOf(SecretNotFoundException.class);
        assertThat(System.getProperty("DB_PASSWORD")).isNull();
    }

    @Test
    void creatingAClientAndListingNames_decryptsNothing() throws Exception {
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, dbPassword, apiKey), admin()).build();

        assertThat(secrets.names()).containsExactly("DB_PASSWORD", "API_KEY");
        assertThat(emulator.decryptCalls()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_from64ThreadsAtOnce_makesExactlyOneKmsCall(String path,
            KmsPath builder) throws Exception {
        emulator.aws.faults().latency(java.time.Duration.ofMillis(200)); // keeps the first call in flight
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin()).build();
        secrets.names();

        List<String> results = inParallel(64, () -> secrets.get("DB_PASSWORD"));

        assertThat(results).hasSize(64).containsOnly(PASSWORD);
        assertThat(emulator.decryptCalls()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void preloadAndGetAll_decryptEverySecretOnceInParallel(String path,
            KmsPath builder) throws Exception {
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword, apiKey), admin()).build();

        secrets.preload();
        assertThat(secrets.getAll()).containsExactly(
                java.util.Map.entry("DB_PASSWORD", PASSWORD), java.util.Map.entry("API_KEY", "k-\u00e9t\u00e9-\u2603"));
        assertThat(emulator.decryptCalls()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_asAPrincipalWithoutKmsDecrypt_namesTheKeyAndTheStatementToAdd(String path,
            KmsPath builder) throws Exception {
        LocalPrincipal reader = emulator.aws.addPrincipal("ssm-reader-" + path.length(), List.of("ssm:GetParameter*"),
                List.of("*"));
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), reader).build();

        KmsAccessDeniedException denied = catchThrowableOfType(KmsAccessDeniedException.class,
                () -> secrets.get("DB_PASSWORD"));

        assertThat(denied.keyArn()).isEqualTo(keyArn);
        assertThat(denied.iamStatement())
                .isEqualTo("{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"" + keyArn + "\"}");
        assertThat(denied.getMessage()).contains(denied.iamStatement()).contains("DB_PASSWORD").contains(dbPassword.arn());
        assertThat(denied.secretName()).isEqualTo("DB_PASSWORD");
        assertThat(emulator.decryptOutcomes()).containsExactly("AccessDeniedException");
        assertNoSecretIn(denied);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_withATamperedCiphertext_throwsInvalidCiphertextSayingToBakeAgain(String path,
            KmsPath builder) throws Exception {
        byte[] blob = java.util.Base64.getDecoder().decode(dbPassword.ciphertext());
        blob[blob.length - 5] ^= 0x01;
        BakedSecret tampered = new BakedSecret("DB_PASSWORD", java.util.Base64.getEncoder().encodeToString(blob),
                dbPassword.arn());
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, tampered), admin()).build();

        assertThatThrownBy(() -> secrets.get("DB_PASSWORD"))
                .isInstanceOf(InvalidCiphertextException.class)
                .hasMessageContaining("DB_PASSWORD")
                .hasMessageContaining("Bake the file again")
                .satisfies(e -> assertNoSecretIn(e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_withTheArnOfAnotherParameter_throwsInvalidCiphertext(String path,
            KmsPath builder) throws Exception {
        BakedSecret wrongArn = new BakedSecret("DB_PASSWORD", dbPassword.ciphertext(), apiKey.arn());
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, wrongArn), admin()).build();

        assertThatThrownBy(() -> secrets.get("DB_PASSWORD"))
                .isInstanceOf(InvalidCiphertextException.class)
                .hasMessageContaining(apiKey.arn())
                .satisfies(e -> assertNoSecretIn(e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_withADisabledKey_saysToEnableIt(String path,
            KmsPath builder) throws Exception {
        String key = emulator.createKey();
        BakedSecret secret = emulator.bake("DISABLED_" + path.length(), "v", key);
        emulator.adminKms.disableKey(r -> r.keyId(key));
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, secret), admin()).build();

        KmsKeyUnavailableException e = catchThrowableOfType(KmsKeyUnavailableException.class,
                () -> secrets.get(secret.name()));

        assertThat(e.errorCode()).isEqualTo("DisabledException");
        assertThat(e.getMessage()).contains("disabled").contains("enable-key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_withAKeyPendingDeletion_saysToCancelTheDeletion(String path,
            KmsPath builder) throws Exception {
        String key = emulator.createKey();
        BakedSecret secret = emulator.bake("DELETED_" + path.length(), "v", key);
        emulator.adminKms.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, secret), admin()).build();

        KmsKeyUnavailableException e = catchThrowableOfType(KmsKeyUnavailableException.class,
                () -> secrets.get(secret.name()));

        assertThat(e.errorCode()).isEqualTo("KMSInvalidStateException");
        assertThat(e.getMessage()).contains("pending deletion").contains("cancel-key-deletion");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_whenKmsAlwaysThrottles_retriesThenThrowsThrottled(String path,
            KmsPath builder) throws Exception {
        emulator.aws.faults().throttleRate(1.0);
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin(), 3).build();

        KmsThrottledException e = catchThrowableOfType(KmsThrottledException.class, () -> secrets.get("DB_PASSWORD"));

        assertThat(e.attempts()).isEqualTo(3);
        assertThat(emulator.decryptOutcomes()).containsExactly("ThrottlingException", "ThrottlingException",
                "ThrottlingException");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_whenKmsFailsWithServerErrors_retriesThenThrowsUnavailable(String path,
            KmsPath builder) throws Exception {
        emulator.aws.faults().serverErrorRate(1.0);
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin()).build();

        KmsUnavailableException e = catchThrowableOfType(KmsUnavailableException.class, () -> secrets.get("DB_PASSWORD"));

        assertThat(e.attempts()).isEqualTo(4);
        assertThat(e.errorCode()).isEqualTo("KMSInternalException");
        assertThat(emulator.decryptCalls()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_whenSomeCallsAreThrottledOrFail_succeedsByRetrying(String path,
            KmsPath builder) throws Exception {
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin(), 10).build();
        // Seeded, so the same calls fail on every run.
        emulator.aws.faults().seed(3).throttleRate(0.4).serverErrorRate(0.4);

        assertThat(secrets.get("DB_PASSWORD")).isEqualTo(PASSWORD);

        List<String> outcomes = emulator.decryptOutcomes();
        assertThat(outcomes).last().isEqualTo(AuditEvent.OK);
        assertThat(outcomes).filteredOn(outcome -> !outcome.equals(AuditEvent.OK)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_whenKmsDropsEveryConnection_throwsUnavailableNamingTheNetwork(String path,
            KmsPath builder) throws Exception {
        emulator.aws.faults().dropConnectionRate(1.0);
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin(), 2).build();

        KmsUnavailableException e = catchThrowableOfType(KmsUnavailableException.class, () -> secrets.get("DB_PASSWORD"));

        assertThat(e.errorCode()).isEqualTo("IOError");
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.getMessage()).contains("network path to KMS");
        assertNoSecretIn(e);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_afterAFailure_triesAgainAndKeepsTheSuccess(String path,
            KmsPath builder) throws Exception {
        emulator.aws.faults().serverErrorRate(1.0);
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, dbPassword), admin(), 1).build();
        assertThatThrownBy(() -> secrets.get("DB_PASSWORD")).isInstanceOf(KmsUnavailableException.class);
        assertThatThrownBy(() -> secrets.get("DB_PASSWORD")).isInstanceOf(KmsUnavailableException.class);

        emulator.aws.faults().clear();
        assertThat(secrets.get("DB_PASSWORD")).isEqualTo(PASSWORD);
        assertThat(secrets.get("DB_PASSWORD")).isEqualTo(PASSWORD);

        assertThat(emulator.decryptOutcomes()).containsExactly("KMSInternalException", "KMSInternalException",
                AuditEvent.OK);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void get_ofAnAdvancedTierParameter_decryptsTheEncryptionSdkMessage(String path,
            KmsPath builder) throws Exception {
        String big = "x".repeat(5000);
        BakedSecret advanced = emulator.bake("BIG", "big-" + path.length(), big, keyArn, ParameterTier.ADVANCED);
        assertThat(java.util.Base64.getDecoder().decode(advanced.ciphertext())[1]).isEqualTo((byte) 0x80);
        BakedSecretsClient secrets = builder.apply(Emulator.writeFile(dir, advanced), admin()).build();

        assertThat(secrets.get("BIG")).isEqualTo(big);
        assertThat(emulator.decryptCalls()).isEqualTo(1);
    }

    @Test
    void get_ofAnAdvancedTierMessageUnderAnotherArn_refusesBeforeCallingKms() throws Exception {
        BakedSecret advanced = emulator.bake("BIG", "big-other", "y".repeat(5000), keyArn, ParameterTier.ADVANCED);
        BakedSecret moved = new BakedSecret("BIG", advanced.ciphertext(), dbPassword.arn());
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, moved), admin()).build();

        assertThatThrownBy(() -> secrets.get("BIG"))
                .isInstanceOf(InvalidCiphertextException.class)
                .hasMessageContaining("encrypted for parameter " + advanced.arn());
        assertThat(emulator.decryptCalls()).isZero();
    }

    @Test
    void get_ofAnAdvancedTierMessageWithATamperedBody_throwsInvalidCiphertext() throws Exception {
        BakedSecret advanced = emulator.bake("BIG", "big-tampered", "z".repeat(5000), keyArn, ParameterTier.ADVANCED);
        byte[] message = java.util.Base64.getDecoder().decode(advanced.ciphertext());
        message[message.length - 300] ^= 0x01;
        BakedSecret tampered = new BakedSecret("BIG", java.util.Base64.getEncoder().encodeToString(message),
                advanced.arn());
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, tampered), admin()).build();

        assertThatThrownBy(() -> secrets.get("BIG")).isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    void get_withAnUnknownName_listsTheNamesPresent() throws Exception {
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, dbPassword, apiKey), admin()).build();

        SecretNotFoundException e = catchThrowableOfType(SecretNotFoundException.class, () -> secrets.get("DB_PASSWROD"));

        assertThat(e.availableNames()).containsExactly("DB_PASSWORD", "API_KEY");
        assertThat(e.getMessage()).contains("DB_PASSWROD").contains("DB_PASSWORD, API_KEY");
        assertThat(emulator.decryptCalls()).isZero();
    }

    @Test
    void toStringOfClientAndOfGetAll_showNamesButNoValues() throws Exception {
        BakedSecretsClient secrets = emulator.client(Emulator.writeFile(dir, dbPassword, apiKey), admin()).build();

        var all = secrets.getAll();

        assertThat(all.toString()).isEqualTo("{DB_PASSWORD=****, API_KEY=****}");
        assertThat(secrets.toString()).contains("DB_PASSWORD").contains("decrypted=2").doesNotContain(PASSWORD)
                .doesNotContain(dbPassword.ciphertext());
    }

    private static List<String> inParallel(int threads, Callable<String> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    static void assertNoSecretIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD).doesNotContain(dbPassword.ciphertext());
            assertThat(t.toString()).doesNotContain(PASSWORD).doesNotContain(dbPassword.ciphertext());
        }
    }
}
