package dev.secretbaker.benchmarks.spring;

import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Time from JVM start to the first invocation's answer of the same Spring Cloud Function application, reading one
 * baked secret through {@code BakedSecrets.get} (app-plain) and as a property imported with
 * {@code spring.config.import=secret-baker:} (app-import). Each run is a fresh JVM with Lambda's flags; rounds are
 * interleaved, the order alternating; the emulator serves KMS on loopback. Writes RESULTS.md.
 *
 * <p>Arguments: the benchmark's folder, then optionally the number of rounds (default 15).
 */
public final class StartupBenchmark {

    private static final List<String> VARIANTS = List.of("app-plain", "app-import");

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path here = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path work = Files.createDirectories(here.resolve("harness/target/run"));
        Path secrets = work.resolve("secret-baker-secrets.json");

        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> cpuMillis = new LinkedHashMap<>();
        Map<String, List<Integer>> decrypts = new LinkedHashMap<>();
        VARIANTS.forEach(v -> {
            millis.put(v, new ArrayList<>());
            cpuMillis.put(v, new ArrayList<>());
            decrypts.put(v, new ArrayList<>());
        });
        try (LocalAws aws = LocalAws.builder().seed(here.resolve("seed.yaml")).build().start()) {
            try (Baker baker = Baker.create(SsmOptions.builder().endpointUrl(aws.endpoint()).region(aws.region())
                    .credentialsProvider(LocalAwsClients.credentials(aws.principal("deployer"))).build())) {
                baker.bake(List.of(new SecretRequest("API_KEY", "/benchmark/api-key", "benchmark")), secrets);
            }
            for (String variant : VARIANTS) {
                run(here, variant, aws, secrets); // warm-up: file system caches, class data sharing archive
            }
            for (int round = 0; round < rounds; round++) {
                List<String> order = new ArrayList<>(VARIANTS);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (String variant : order) {
                    aws.audit().clear();
                    double[] measured = run(here, variant, aws, secrets);
                    millis.get(variant).add(measured[0]);
                    cpuMillis.get(variant).add(measured[1]);
                    Thread.sleep(50); // the emulator records a call just after answering it
                    decrypts.get(variant).add(aws.audit().eventsOf("Decrypt").size());
                }
                System.out.printf(Locale.ROOT, "round %d/%d: plain %.0f ms (CPU %.0f), import %.0f ms (CPU %.0f)%n",
                        round + 1, rounds, last(millis.get("app-plain")), last(cpuMillis.get("app-plain")),
                        last(millis.get("app-import")), last(cpuMillis.get("app-import")));
            }
        }
        Files.writeString(here.resolve("RESULTS.md"), report(rounds, millis, cpuMillis, decrypts), StandardCharsets.UTF_8);
        System.out.println("Wrote " + here.resolve("RESULTS.md"));
    }

    /**
     * One cold start: milliseconds from launching the JVM to reading the first invocation's answer, and the JVM's
     * CPU milliseconds until it answered.
     */
    private static double[] run(Path here, String variant, LocalAws aws, Path secrets) throws IOException, InterruptedException {
        Path app = here.resolve(variant);
        String classpath = app.resolve("target/classes") + File.pathSeparator
                + Files.readString(app.resolve("target/classpath.txt")).trim() + File.pathSeparator
                + here.resolve("harness/target/classes");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                FirstInvocation.class.getName()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SECRET_BAKER") || name.equals("LAMBDA_TASK_ROOT"));
        LocalPrincipal function = aws.principal("function");
        env.put("AWS_ACCESS_KEY_ID", function.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", function.secretAccessKey());
        env.put("AWS_REGION", aws.region());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("SECRET_BAKER_FILE", secrets.toString());
        env.put("MAIN_CLASS", "dev.secretbaker.benchmarks.spring.StartupApp");

        long start = System.nanoTime();
        Process process = builder.start();
        long answered = -1;
        long cpuNanos = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (answered < 0 && line.startsWith("ANSWER ")) {
                    answered = System.nanoTime();
                }
                if (line.startsWith("CPU ")) {
                    cpuNanos = Long.parseLong(line.substring(4).trim());
                }
                output.append(line).append('\n');
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || answered < 0 || cpuNanos < 0) {
            throw new IllegalStateException(variant + " did not answer:\n" + output);
        }
        return new double[] {(answered - start) / 1e6, cpuNanos / 1e6};
    }

    private static String report(int rounds, Map<String, List<Double>> millis, Map<String, List<Double>> cpuMillis,
            Map<String, List<Integer>> decrypts) {
        List<Double> ratios = ratios(millis, rounds);
        List<Double> cpuRatios = ratios(cpuMillis, rounds);
        StringBuilder md = new StringBuilder();
        md.append("# Spring start-up benchmark results\n\n");
        md.append("Generated by `benchmarks/spring-startup/run.sh` on ").append(Instant.now())
                .append(". Do not edit by hand; run the script again.\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d CPUs (shared), Java %s (%s), %s %s.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"), System.getProperty("os.arch")));
        md.append("## Time from JVM start to the first invocation's answer\n\n");
        md.append("The same Spring Cloud Function application (Spring Boot 3.5.7, Spring Cloud 2025.0.0, "
                + "`spring-cloud-function-adapter-aws`), whose one function bean reads one baked secret while the context "
                + "starts:\n\n");
        md.append("- **app-plain** (the baseline): `BakedSecrets.get(\"API_KEY\")` in the bean method;\n");
        md.append("- **app-import**: `@Value(\"${API_KEY}\")`, with `spring.config.import=secret-baker:` and "
                + "`secret-baker-spring-boot` on the classpath.\n\n");
        md.append("Each run is a new `java -XX:+TieredCompilation -XX:TieredStopAtLevel=1` process (Lambda's flags) that "
                + "creates `FunctionInvoker` (which starts the Spring context) and invokes it once, as Lambda's Java "
                + "runtime does on a cold start; the time is measured by the harness from launching the process to "
                + "reading the answer on its output. The secret is decrypted with one KMS `Decrypt` against the local "
                + "emulator (loopback HTTP, SigV4 verified). ").append(rounds)
                .append(" rounds, each running both applications in alternating order, after one discarded warm-up run "
                        + "each. Medians, with the interquartile range in brackets. *CPU* is the JVM's own CPU time (all "
                        + "its threads) until it answered, read inside the process: on a shared machine it is much less "
                        + "disturbed by other processes than the wall time.\n\n");
        md.append("| application | JVM start → first answer, wall (ms) | CPU until the answer (ms) | KMS calls per run |\n"
                + "|---|---:|---:|---:|\n");
        for (String variant : VARIANTS) {
            List<Integer> calls = decrypts.get(variant);
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", variant, summary(millis.get(variant)),
                    summary(cpuMillis.get(variant)),
                    calls.stream().distinct().sorted().map(String::valueOf).reduce((a, b) -> a + "–" + b).orElse("?")));
        }
        md.append(String.format(Locale.ROOT, "%n**app-import / app-plain: %.3f× wall, %.3f× CPU** (medians of the per-round "
                        + "ratios; IQR %.3f–%.3f wall, %.3f–%.3f CPU). Goal: at most 1.05×.%n%n", median(ratios),
                median(cpuRatios), quantile(ratios, 0.25), quantile(ratios, 0.75), quantile(cpuRatios, 0.25),
                quantile(cpuRatios, 0.75)));
        md.append("## Reproduce\n\n    benchmarks/spring-startup/run.sh        # 15 rounds\n    benchmarks/spring-startup/run.sh 25\n");
        return md.toString();
    }

    private static List<Double> ratios(Map<String, List<Double>> values, int rounds) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(values.get("app-import").get(i) / values.get("app-plain").get(i));
        }
        return ratios;
    }

    private static String summary(List<Double> values) {
        return String.format(Locale.ROOT, "%.0f [%.0f–%.0f]", median(values), quantile(values, 0.25), quantile(values, 0.75));
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double position = q * (sorted.size() - 1);
        int low = (int) Math.floor(position);
        int high = (int) Math.ceil(position);
        return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (position - low);
    }
}
