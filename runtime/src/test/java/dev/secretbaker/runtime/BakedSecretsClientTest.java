package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/** The client's caching and concurrency rules, with a scripted KMS in place of the network. */
class BakedSecretsClientTest {

    private static final BakedSecret A = secret("A", "arn:aws:ssm:eu-central-1:111122223333:parameter/app/a");
    private static final BakedSecret B = secret("B", "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/b");

    /** A KMS whose "plaintext" is "plain:" + the context's ARN, recording every call. */
    static final class ScriptedKms implements KmsDecryptor {
        final List<Map<String, String>> contexts = new CopyOnWriteArrayList<>();
        final List<KmsTarget> targets = new CopyOnWriteArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile RuntimeException failure;
        volatile CountDownLatch gate;

        @Override
        public byte[] decrypt(byte[] blob, Map<String, String> context, KmsTarget target) {
            calls.incrementAndGet();
            contexts.add(context);
            targets.add(target);
            CountDownLatch wait = gate;
            if (wait != null) {
                try {
                    wait.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            return ("plain:" + context.get("PARAMETER_ARN")).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String describeEndpoint(KmsTarget target) {
            return "scripted";
        }
    }

    private final ScriptedKms kms = new ScriptedKms();
    private final AtomicInteger fileReads = new AtomicInteger();

    private BakedSecretsClient client(BakedSecret... secrets) {
        SecretsFile file = SecretsFile.of(List.of(secrets));
        return new BakedSecretsClient(() -> {
            fileReads.incrementAndGet();
            return new SecretsFileLocator.Located("test file", file);
        }, new SecretDecrypter(kms, new RetryPolicy(1, 0, 0, millis -> { })), 4);
    }

    private static BakedSecret secret(String name, String arn) {
        byte[] blob = {0x01, 0x02, 0x02, 0x00, 0x78, (byte) name.charAt(0)};
        return new BakedSecret(name, Base64.getEncoder().encodeToString(blob), arn);
    }

    @Test
    void creatingAClient_readsAndDecryptsNothing() {
        BakedSecretsClient secrets = client(A, B);

        assertThat(fileReads).hasValue(0);
        assertThat(kms.calls).hasValue(0);
        assertThat(secrets.toString()).isEqualTo("BakedSecretsClient[file not read yet]");
    }

    @Test
    void get_usesExactlyTheParameterArnAsContextAndTheArnsRegionAndPartition() {
        BakedSecretsClient secrets = client(A, B);

        assertThat(secrets.get("A")).isEqualTo("plain:" + A.arn());
        assertThat(secrets.get("B")).isEqualTo("plain:" + B.arn());

        assertThat(kms.contexts).containsExactly(Map.of("PARAMETER_ARN", A.arn()), Map.of("PARAMETER_ARN", B.arn()));
        assertThat(kms.targets).containsExactly(new KmsTarget("aws", "eu-central-1"), new KmsTarget("aws-cn", "cn-north-1"));
    }

    @Test
    void get_twice_callsKmsOnceAndReadsTheFileOnce() {
        BakedSecretsClient secrets = client(A);

        secrets.get("A");
        secrets.get("A");
        secrets.getBytes("A");

        assertThat(kms.calls).hasValue(1);
        assertThat(fileReads).hasValue(1);
    }

    @Test
    void getBytes_returnsAFreshCopyEachTime() {
        BakedSecretsClient secrets = client(A);

        byte[] first = secrets.getBytes("A");
        first[0] = 'X';

        assertThat(new String(secrets.getBytes("A"), StandardCharsets.UTF_8)).isEqualTo("plain:" + A.arn());
    }

    @Test
    void get_from64ThreadsWhileTheFirstCallIsInFlight_callsKmsOnce() throws Exception {
        BakedSecretsClient secrets = client(A);
        kms.gate = new CountDownLatch(1);

        List<Future<String>> results = new ArrayList<>();
        ParkedThreads threads = new ParkedThreads();
        ExecutorService pool = Executors.newFixedThreadPool(64, threads);
        try {
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> secrets.get("A")));
            }
            // Every caller is inside get(): one in the KMS call, the others waiting for it.
            threads.awaitAllParked(64);
            kms.gate.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("plain:" + A.arn());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(kms.calls).hasValue(1);
    }

    @Test
    void aFailure_reachesEveryWaitingThreadFromOneCallAndIsNotKept() throws Exception {
        BakedSecretsClient secrets = client(A);
        kms.failure = new KmsCallException("AccessDeniedException", 400, "denied", null);
        kms.gate = new CountDownLatch(1);

        List<Future<String>> results = new ArrayList<>();
        ParkedThreads threads = new ParkedThreads();
        ExecutorService pool = Executors.newFixedThreadPool(8, threads);
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> secrets.get("A")));
            }
            threads.awaitAllParked(8);
            kms.gate.countDown();
            for (Future<String> result : results) {
                assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(KmsAccessDeniedException.class);
            }
        } finally {
            pool.shutdownNow();
        }
        // Single flight on failure too: the callers that waited share the one failed call.
        assertThat(kms.calls).hasValue(1);

        kms.failure = null;
        kms.gate = null;
        assertThat(secrets.get("A")).isEqualTo("plain:" + A.arn());
        assertThat(kms.calls).hasValue(2);
    }

    /** Records the pool's threads, to wait until each is parked (in the KMS call's gate or waiting for that call). */
    private static final class ParkedThreads implements ThreadFactory {
        private final List<Thread> threads = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        }

        void awaitAllParked(int count) throws InterruptedException {
            for (int i = 0; i < 1000; i++) {
                if (threads.size() == count && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                        || t.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
                Thread.sleep(10);
            }
            throw new AssertionError("the callers did not all reach get() within 10 s");
        }
    }

    @Test
    void preload_decryptsOneSecretAloneFirst_thenTheRestInParallel() {
        BakedSecret c = secret("C", "arn:aws:ssm:eu-central-1:111122223333:parameter/app/c");
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        List<Integer> finishedWhenStarted = new CopyOnWriteArrayList<>();
        // The second and third calls each wait for the other: they pass only if they run at the same time.
        CyclicBarrier together = new CyclicBarrier(2);
        KmsDecryptor kms = new KmsDecryptor() {
            @Override
            public byte[] decrypt(byte[] blob, Map<String, String> context, KmsTarget target) {
                finishedWhenStarted.add(finished.get());
                try {
                    if (started.incrementAndGet() > 1) {
                        together.await(10, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("the other calls did not run in parallel", e);
                } finally {
                    finished.incrementAndGet();
                }
                return "plain".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String describeEndpoint(KmsTarget target) {
                return "scripted";
            }
        };
        SecretsFile file = SecretsFile.of(List.of(A, B, c));
        BakedSecretsClient secrets = new BakedSecretsClient(() -> new SecretsFileLocator.Located("test file", file),
                new SecretDecrypter(kms, new RetryPolicy(1, 0, 0, millis -> { })), 4);

        secrets.preload();

        // The first call started with nothing finished; both others started after it had finished.
        assertThat(finishedWhenStarted).hasSize(3);
        assertThat(finishedWhenStarted.get(0)).isZero();
        assertThat(finishedWhenStarted.subList(1, 3)).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1));
        assertThat(secrets.toString()).contains("decrypted=3");
    }

    @Test
    void preload_keepsTheSecretsThatDecryptedAndThrowsTheFailure() {
        BakedSecret bad = new BakedSecret("BAD", "not base64 !!", "arn:aws:ssm:us-east-1:111122223333:parameter/bad");
        BakedSecretsClient secrets = client(A, bad, B);

        assertThatThrownBy(secrets::preload).isInstanceOf(InvalidCiphertextException.class).hasMessageContaining("BAD");
        assertThat(kms.calls).hasValue(2);

        secrets.get("A");
        secrets.get("B");
        assertThat(kms.calls).hasValue(2);
        assertThat(secrets.toString()).contains("decrypted=2");
    }

    @Test
    void getAll_returnsEveryPlaintextInFileOrderAndHidesThemInToString() {
        BakedSecretsClient secrets = client(B, A);

        Map<String, String> all = secrets.getAll();

        assertThat(all).containsExactly(Map.entry("B", "plain:" + B.arn()), Map.entry("A", "plain:" + A.arn()));
        assertThat(all.toString()).isEqualTo("{B=****, A=****}").doesNotContain("plain:");
        assertThatThrownBy(() -> all.put("C", "x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void get_ofAnUnknownName_listsTheNamesAndCallsNoKms() {
        BakedSecretsClient secrets = client(A, B);

        assertThatThrownBy(() -> secrets.get("C"))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("No secret named 'C' in test file")
                .hasMessageContaining("Secrets present: A, B");
        assertThat(kms.calls).hasValue(0);
    }

    @Test
    void namesWithControlCharactersFromTheFile_areEscapedInMessagesAndToString() {
        BakedSecretsClient secrets = client(secret("X\u001b[2J\r\u202eY", "arn:aws:ssm:us-east-1:111122223333:parameter/x"));

        assertThatThrownBy(() -> secrets.get("C"))
                .isInstanceOf(SecretNotFoundException.class)
                .hasMessageContaining("Secrets present: X\\u001B[2J\\u000D\\u202EY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b", "\r", "\u202e"));
        assertThat(secrets.toString()).contains("X\\u001B[2J").doesNotContain("\u001b", "\r", "\u202e");
    }

    @Test
    void aMissingFile_isReportedOnUseAndLookedForAgainNextTime() {
        AtomicInteger attempts = new AtomicInteger();
        BakedSecretsClient secrets = new BakedSecretsClient(() -> {
            attempts.incrementAndGet();
            throw new SecretsFileNotFoundException(List.of("here", "there"));
        }, new SecretDecrypter(kms, RetryPolicy.standard()), 4);

        assertThatThrownBy(() -> secrets.get("A")).isInstanceOf(SecretsFileNotFoundException.class)
                .hasMessageContaining("here; there");
        assertThatThrownBy(secrets::names).isInstanceOf(SecretsFileNotFoundException.class);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void builder_withAnSdkClientAndMaxAttempts_refusesToStackRetries() {
        try (KmsClient sdk = KmsClient.builder().region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            BakedSecretsClient.Builder builder = BakedSecretsClient.builder().kmsClient(sdk).maxAttempts(3);

            assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("set the retries on the KmsClient");
        }
    }
}
