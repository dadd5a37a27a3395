package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalPrincipal;
import dev.secretbaker.local.LocalTls;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Time to the first secret in fresh JVMs, for each variant, over HTTPS and over HTTP, against two emulators started
 * here (one with its own CA, one plain); then JMH for the warm path; then RESULTS.md. Every (variant, protocol)
 * pair runs once per round, in an order rotated each round, so that drift on a shared machine affects all alike;
 * ratios are medians of per-round ratios.
 *
 * <p>Usage: {@code RuntimeBenchmark <benchmarks/runtime dir> [rounds] [--no-jmh]}
 */
public final class RuntimeBenchmark {

    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    static final List<String> PROTOCOLS = List.of("https", "http");

    /**
     * A way of reaching the first plaintext. {@code secrets} is how many the file holds; {@code args} follow the
     * secret's name on the command line.
     */
    record Variant(String id, String title, String mainClass, Path dir, int secrets, List<String> args) {
    }

    record Sample(double mainToPlaintextMillis, double processMillis) {
    }

    /** What one protocol's runs need: the environment, the JVM options, and the secrets to build the floor's request. */
    record Setup(LocalAws aws, Map<Integer, Path> taskRoots, Map<String, String> env, List<String> jvmOptions,
            BakedSecret first, LocalPrincipal function) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 15;
        boolean jmh = !Arrays.asList(args).contains("--no-jmh");
        List<Variant> variants = variants(root);

        Map<String, Sample[]> samples = new LinkedHashMap<>();
        Map<String, int[]> decryptCalls = new LinkedHashMap<>();
        try (LocalAws https = LocalAws.builder().tls().build().start(); LocalAws http = LocalAws.create().start()) {
            Map<String, Setup> setups = Map.of("https", setup(https), "http", setup(http));
            List<String[]> runs = new ArrayList<>();
            for (String protocol : PROTOCOLS) {
                for (Variant variant : variants) {
                    runs.add(new String[] {protocol, variant.id()});
                    samples.put(key(protocol, variant.id()), new Sample[rounds]);
                    decryptCalls.put(key(protocol, variant.id()), new int[rounds]);
                    run(variant, setups.get(protocol)); // warm the OS file cache; discarded
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < runs.size(); i++) {
                    String[] pair = runs.get((i + round * 7) % runs.size());
                    Variant variant = variants.stream().filter(v -> v.id().equals(pair[1])).findFirst().orElseThrow();
                    Setup setup = setups.get(pair[0]);
                    setup.aws().audit().clear();
                    samples.get(key(pair[0], pair[1]))[round] = run(variant, setup);
                    decryptCalls.get(key(pair[0], pair[1]))[round] = setup.aws().audit().eventsOf("Decrypt").size();
                }
                System.out.printf(Locale.ROOT, "round %d/%d done%n", round + 1, rounds);
            }
        }

        Map<String, Double> jmhScores = new LinkedHashMap<>();
        Map<String, Double> jmhErrors = new LinkedHashMap<>();
        if (jmh) {
            Options options = new OptionsBuilder()
                    .include(WarmGetBenchmark.class.getName())
                    .forks(3)
                    .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(10).measurementTime(TimeValue.seconds(1))
                    .timeUnit(TimeUnit.NANOSECONDS)
                    .build();
            for (RunResult result : new Runner(options).run()) {
                String benchmark = result.getParams().getBenchmark();
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                jmhScores.put(method, result.getPrimaryResult().getScore());
                jmhErrors.put(method, result.getPrimaryResult().getScoreError());
            }
        }

        String report = Report.write(variants, samples, decryptCalls, rounds, jmhScores, jmhErrors);
        Files.writeString(root.resolve("RESULTS.md"), report, StandardCharsets.UTF_8);
        System.out.println(report);
    }

    static List<Variant> variants(Path root) {
        Path defaultDir = root.resolve("variant-default");
        return List.of(
                new Variant("default", "secret-baker default path (own SigV4 + HttpURLConnection)",
                        "dev.secretbaker.benchmarks.runtime.DefaultPathMain", defaultDir, 1, List.of()),
                new Variant("default-no-tls-preparation", "default path without its TLS preparation (roots and handshake code initialised on another thread, no connection)",
                        "dev.secretbaker.runtime.NoTlsPreparationMain", defaultDir, 1, List.of()),
                new Variant("default+tls-warm-up", "default path with the opt-in TLS warm-up (`tlsWarmUp(true)`)",
                        "dev.secretbaker.benchmarks.runtime.TlsWarmUpMain", defaultDir, 1, List.of()),
                new Variant("default-preload-10", "default path, `preload()` of 10 secrets, then `get` of the first",
                        "dev.secretbaker.runtime.PreloadMain", defaultDir, 10, List.of("preload")),
                new Variant("default-10-all-at-once", "default path, 10 secrets decrypted by 8 threads at once, then `get` of the first",
                        "dev.secretbaker.runtime.PreloadMain", defaultDir, 10, List.of("all-at-once")),
                new Variant("sdk-tuned", "SDK KmsClient, tuned (url-connection-client, explicit region + credentials)",
                        "dev.secretbaker.benchmarks.runtime.SdkTunedMain", root.resolve("variant-sdk-tuned"), 1, List.of()),
                new Variant("sdk-crt", "SDK KmsClient on the AWS CRT HTTP client (aws-crt-client), explicit region + credentials",
                        "dev.secretbaker.benchmarks.runtime.SdkCrtMain", root.resolve("variant-sdk-crt"), 1, List.of()),
                new Variant("sdk-default", "SDK KmsClient with every default (KmsClient.create())",
                        "dev.secretbaker.benchmarks.runtime.SdkDefaultMain", root.resolve("variant-sdk-default"), 1, List.of()),
                new Variant("jdk-floor", "floor: one pre-signed Decrypt POST with the JDK alone (no file, no signing)",
                        "dev.secretbaker.benchmarks.runtime.JdkFloorMain", root.resolve("variant-jdk-floor"), 1, List.of()),
                new Variant("first-get-unprimed", "first `get` only (client already created), fresh JVM",
                        "dev.secretbaker.runtime.FirstGetMain", root.resolve("variant-snapstart"), 1, List.of("unprimed")),
                new Variant("first-get-primed", "first `get` only, after the SnapStart hooks (before-checkpoint, after-restore)",
                        "dev.secretbaker.runtime.FirstGetMain", root.resolve("variant-snapstart"), 1, List.of("primed")));
    }

    static String key(String protocol, String variantId) {
        return protocol + " " + variantId;
    }

    private static Setup setup(LocalAws aws) throws IOException {
        Map<Integer, Path> taskRoots = new LinkedHashMap<>();
        BakedSecret first = null;
        for (int count : new int[] {1, 10}) {
            Path taskRoot = Files.createTempDirectory("secret-baker-bench-task-" + count + "-");
            List<BakedSecret> secrets = BenchmarkSecrets.bake(aws, taskRoot, count);
            taskRoots.put(count, taskRoot);
            if (first == null) {
                first = secrets.get(0);
            }
        }
        LocalPrincipal function = aws.addPrincipal("function", List.of("kms:Decrypt"), List.of("*"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", function.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", function.secretAccessKey());
        env.put("AWS_REGION", aws.region());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        List<String> jvmOptions = new ArrayList<>(LAMBDA_FLAGS);
        aws.tls().ifPresent(tls -> jvmOptions.addAll(List.of("-Djavax.net.ssl.trustStore=" + tls.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + LocalTls.TRUST_STORE_PASSWORD,
                "-Djavax.net.ssl.trustStoreType=" + LocalTls.TRUST_STORE_TYPE)));
        return new Setup(aws, taskRoots, env, jvmOptions, first, function);
    }

    static List<Path> classpath(Variant variant) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : Files.readString(variant.dir().resolve("target").resolve("classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static Sample run(Variant variant, Setup setup) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(setup.jvmOptions());
        command.add("-cp");
        StringBuilder cp = new StringBuilder(variant.dir().resolve("target").resolve("classes").toString());
        for (Path jar : classpath(variant)) {
            cp.append(java.io.File.pathSeparator).append(jar);
        }
        command.add(cp.toString());
        command.add(variant.mainClass());
        command.add(BenchmarkSecrets.NAME);
        command.addAll(variant.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SECRET_BAKER") || k.startsWith("JAVA_TOOL"));
        builder.environment().putAll(setup.env());
        builder.environment().put("LAMBDA_TASK_ROOT", setup.taskRoots().get(variant.secrets()).toString());
        if (variant.id().equals("jdk-floor")) {
            builder.environment().putAll(floorRequest(setup));
        }
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(variant.id() + " did not finish");
        }
        long processNanos = System.nanoTime() - start;
        String marker = "ttfs_nanos=";
        int at = output.indexOf(marker);
        if (process.exitValue() != 0 || at < 0 || !output.contains("length=" + BenchmarkSecrets.VALUE.length())) {
            throw new IllegalStateException(variant.id() + " failed (exit " + process.exitValue() + "): " + output);
        }
        long ttfs = Long.parseLong(output.substring(at + marker.length()).split("\\s")[0]);
        return new Sample(ttfs / 1e6, processNanos / 1e6);
    }

    /** The Decrypt request of the first secret, signed now as the function principal: body and headers. */
    private static Map<String, String> floorRequest(Setup setup) {
        BakedSecret secret = setup.first();
        String body = "{\"CiphertextBlob\":\"" + secret.ciphertext() + "\",\"EncryptionContext\":{\"PARAMETER_ARN\":\""
                + secret.arn() + "\"}}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "TrentService.Decrypt");
        URI uri = URI.create(setup.aws().endpoint() + "/");
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(setup.function().accessKeyId(),
                        setup.function().secretAccessKey()))
                .request(request.build())
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, setup.aws().region())).request();
        signed.headers().forEach((name, values) -> headers.put(name, String.join(",", values)));
        StringBuilder lines = new StringBuilder();
        headers.forEach((name, value) -> lines.append(name).append(':').append(value).append('\n'));
        return Map.of("FLOOR_BODY", body, "FLOOR_HEADERS", lines.toString().trim());
    }

    static String now() {
        return Instant.now().toString();
    }
}
