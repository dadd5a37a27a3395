package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.runtime.BakedSecretsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The warm path: a secret already decrypted, asked for again (goal: under 50 ns). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WarmGetBenchmark {

    private LocalAws aws;
    private BakedSecretsClient secrets;
    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    // A field, not a constant, so that the name is not folded into the benchmark.
    String name = BenchmarkSecrets.NAME;

    @Setup(Level.Trial)
    public void decryptOnce() throws Exception {
        aws = LocalAws.create().start();
        Path taskRoot = Files.createTempDirectory("warm-get");
        BenchmarkSecrets.bake(aws, taskRoot, 1);
        Path file = taskRoot.resolve(dev.secretbaker.format.SecretsFile.FILE_NAME);
        secrets = BakedSecretsClient.builder()
                .file(file)
                .endpoint(aws.endpoint())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal(LocalAws.ADMIN)))
                .build();
        if (!BenchmarkSecrets.VALUE.equals(secrets.get(name))) {
            throw new IllegalStateException("wrong plaintext");
        }
        map.put(name, BenchmarkSecrets.VALUE);
        aws.audit().clear();
    }

    @TearDown(Level.Trial)
    public void checkNoKmsCallsAndStop() {
        int calls = aws.audit().eventsOf("Decrypt").size();
        aws.close();
        if (calls != 0) {
            throw new IllegalStateException("the warm path called KMS " + calls + " times");
        }
    }

    @Benchmark
    public String get() {
        return secrets.get(name);
    }

    @Benchmark
    public byte[] getBytes() {
        return secrets.getBytes(name);
    }

    /** The floor: one ConcurrentHashMap lookup. */
    @Benchmark
    public String concurrentHashMapGet() {
        return map.get(name);
    }
}
