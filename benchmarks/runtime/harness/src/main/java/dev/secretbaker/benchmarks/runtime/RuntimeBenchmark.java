package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
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

/**
 * Time to the first secret in fresh JVMs, for each variant, against the emulator started here; then JMH for the
 * warm path; then RESULTS.md. Variants run interleaved (each round in a rotated order) so that drift on a shared
 * machine affects all of them alike; ratios are medians of per-round ratios.
 *
 * <p>Usage: {@code RuntimeBenchmark <benchmarks/runtime dir> [rounds] [--no-jmh]}
 */
public final class RuntimeBenchmark {

    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    record Variant(String id, String title, String mainClass, Path dir) {
    }

    record Sample(double mainToPlaintextMillis, double processMillis) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 15;
        boolean jmh = !Arrays.asList(args).contains("--no-jmh");

        List<Variant> variants = List.of(
                new Variant("default", "secret-baker default path (own SigV4 + HttpURLConnection)",
                        "dev.secretbaker.benchmarks.runtime.DefaultPathMain", root.resolve("variant-default")),
                new Variant("default+sdk-signer", "default path, signed by the SDK's AwsV4HttpSigner (http-auth-aws)",
                        "dev.secretbaker.runtime.SdkSignerPathMain", root.resolve("variant-default-sdk-signer")),
                new Variant("default+sdk-auth", "default path, credentials from the SDK's auth module",
                        "dev.secretbaker.benchmarks.runtime.DefaultPathWithSdkAuthMain", root.resolve("variant-default-sdk-auth")),
                new Variant("sdk-tuned", "SDK KmsClient, tuned (url-connection-client, explicit region + credentials)",
                        "dev.secretbaker.benchmarks.runtime.SdkTunedMain", root.resolve("variant-sdk-tuned")),
                new Variant("sdk-default", "SDK KmsClient with every default (KmsClient.create())",
                        "dev.secretbaker.benchmarks.runtime.SdkDefaultMain", root.resolve("variant-sdk-default")));

        Map<String, Sample[]> samples = new LinkedHashMap<>();
        Map<String, int[]> decryptCalls = new LinkedHashMap<>();
        try (LocalAws aws = LocalAws.create().start()) {
            Path taskRoot = Files.createTempDirectory("secret-baker-bench-task");
            BenchmarkSecrets.bake(aws, taskRoot);
            LocalPrincipal function = aws.addPrincipal("function", List.of("kms:Decrypt"), List.of("*"));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
            env.put("AWS_ACCESS_KEY_ID", function.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", function.secretAccessKey());
            env.put("AWS_REGION", aws.region());
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());

            for (Variant variant : variants) {
                samples.put(variant.id(), new Sample[rounds]);
                decryptCalls.put(variant.id(), new int[rounds]);
                run(variant, env); // warm the OS file cache; discarded
            }
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < variants.size(); i++) {
                    Variant variant = variants.get((i + round) % variants.size());
                    aws.audit().clear();
                    samples.get(variant.id())[round] = run(variant, env);
                    decryptCalls.get(variant.id())[round] = aws.audit().eventsOf("Decrypt").size();
                }
                System.out.printf(Locale.ROOT, "round %d/%d done%n", round + 1, rounds);
            }
        }

        Map<String, Double> jmhScores = new LinkedHashMap<>();
        Map<String, Double> jmhErrors = new LinkedHashMap<>();
        if (jmh) {
            Options options = new OptionsBuilder()
                    .include(WarmGetBenchmark.class.getName())
                    .forks(1)
                    .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5).measurementTime(TimeValue.seconds(1))
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

    static List<Path> classpath(Variant variant) throws IOException {
        List<Path> entries = new ArrayList<>();
        for (String entry : Files.readString(variant.dir().resolve("target").resolve("classpath.txt")).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static Sample run(Variant variant, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LAMBDA_FLAGS);
        command.add("-cp");
        StringBuilder cp = new StringBuilder(variant.dir().resolve("target").resolve("classes").toString());
        for (Path jar : classpath(variant)) {
            cp.append(java.io.File.pathSeparator).append(jar);
        }
        command.add(cp.toString());
        command.add(variant.mainClass());
        command.add(BenchmarkSecrets.NAME);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SECRET_BAKER") || k.startsWith("JAVA_TOOL"));
        builder.environment().putAll(env);
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

    static String now() {
        return Instant.now().toString();
    }
}
