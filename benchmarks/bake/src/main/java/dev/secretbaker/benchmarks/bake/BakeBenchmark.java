package dev.secretbaker.benchmarks.bake;

import dev.secretbaker.core.BakeResult;
import dev.secretbaker.core.Baker;
import dev.secretbaker.core.SsmOptions;
import dev.secretbaker.core.config.SecretRequest;
import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Bake time and SSM calls: our bake against the original plugin's call pattern (one sequential GetParameter
 * per secret, WithDecryption=false), both as the same least-privilege principal, on the embedded emulator with
 * a fixed latency added to every call. The two run interleaved, alternating which goes first, for several
 * rounds after a warm-up; medians are compared. Calls are counted by the emulator's audit trail.
 *
 * <p>Arguments: {@code --secrets N} (100), {@code --latency-ms L} (20), {@code --rounds R} (9),
 * {@code --warmup W} (2), {@code --results FILE} (write the report there as Markdown).
 */
public final class BakeBenchmark {

    private static final String PRINCIPAL = "deployer";

    /**
     * The JDK HTTP server the emulator runs on leaves Nagle's algorithm on; with the client's delayed ACKs, each
     * loopback call then stalls about 40 ms, more than the latency this benchmark adds. Turned off unless the
     * property is already set (pass {@code -Dsun.net.httpserver.nodelay=false} to see the stall).
     */
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    public static void main(String[] args) throws Exception {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        int secrets = intArg(args, "--secrets", 100);
        int latencyMillis = intArg(args, "--latency-ms", 20);
        int rounds = intArg(args, "--rounds", 9);
        int warmup = intArg(args, "--warmup", 2);
        String results = stringArg(args, "--results", null);

        Path folder = Files.createTempDirectory("bake-benchmark-");
        try (LocalAws aws = LocalAws.builder().build().start()) {
            List<SecretRequest> requests = setUp(aws, secrets);
            LocalPrincipal deployer = aws.addPrincipal(PRINCIPAL,
                    List.of("ssm:GetParameter", "ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));
            aws.faults().latency(Duration.ofMillis(latencyMillis));

            // The original's pattern gets a plain SDK client with the same HTTP client as ours.
            try (SsmClient baselineClient = SsmClient.builder()
                    .endpointOverride(aws.endpoint())
                    .region(Region.of(aws.region()))
                    .credentialsProvider(LocalAwsClients.credentials(deployer))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
                 Baker baker = Baker.create(SsmOptions.builder()
                         .endpointUrl(aws.endpoint())
                         .region(aws.region())
                         .credentialsProvider(LocalAwsClients.credentials(deployer))
                         .build())) {

                List<Run> ours = new ArrayList<>();
                List<Run> baseline = new ArrayList<>();
                for (int round = 0; round < warmup + rounds; round++) {
                    boolean oursFirst = round % 2 == 0;
                    Run a = oursFirst ? runOurs(aws, baker, requests, folder) : runBaseline(aws, baselineClient, requests, folder);
                    Run b = oursFirst ? runBaseline(aws, baselineClient, requests, folder) : runOurs(aws, baker, requests, folder);
                    Run oursRun = oursFirst ? a : b;
                    Run baselineRun = oursFirst ? b : a;
                    if (!Arrays.equals(Files.readAllBytes(folder.resolve("ours.json")), Files.readAllBytes(folder.resolve("baseline.json")))) {
                        throw new IllegalStateException("The two bakes wrote different files");
                    }
                    if (round >= warmup) {
                        ours.add(oursRun);
                        baseline.add(baselineRun);
                    }
                    System.out.printf(Locale.ROOT, "round %d%s: ours %.1f ms (%d calls), original pattern %.1f ms (%d calls)%n",
                            round + 1, round < warmup ? " (warm-up)" : "", oursRun.millis(), oursRun.calls(),
                            baselineRun.millis(), baselineRun.calls());
                }
                String report = report(secrets, latencyMillis, rounds, warmup, ours, baseline);
                System.out.println();
                System.out.println(report);
                if (results != null) {
                    Files.writeString(Path.of(results), report);
                    System.out.println("Written to " + results);
                }
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    /** One timed bake and the SSM calls the emulator saw for it. */
    record Run(double millis, int calls, int retries) {
    }

    /**
     * Each run starts after a pause, so that the Baker's rate limiter has its full burst as in a fresh bake (one
     * build runs one bake); back to back, a bake would wait for tokens the previous one spent.
     */
    private static final long PAUSE_MILLIS = 1_000;

    private static Run runOurs(LocalAws aws, Baker baker, List<SecretRequest> requests, Path folder) throws InterruptedException {
        Thread.sleep(PAUSE_MILLIS);
        aws.audit().clear();
        long start = System.nanoTime();
        BakeResult result = baker.bake(requests, folder.resolve("ours.json"));
        long nanos = System.nanoTime() - start;
        return new Run(nanos / 1e6, ssmCalls(aws), result.apiCalls().retries());
    }

    /** The original plugin's pattern: one GetParameter per secret, one after the other, then write the file. */
    private static Run runBaseline(LocalAws aws, SsmClient ssm, List<SecretRequest> requests, Path folder)
            throws IOException, InterruptedException {
        Thread.sleep(PAUSE_MILLIS);
        aws.audit().clear();
        long start = System.nanoTime();
        List<BakedSecret> baked = new ArrayList<>();
        for (SecretRequest request : requests) {
            Parameter parameter = ssm.getParameter(r -> r.name(request.parameter()).withDecryption(false)).parameter();
            baked.add(new BakedSecret(request.name(), parameter.value(), parameter.arn()));
        }
        Files.write(folder.resolve("baseline.json"), SecretsFile.of(baked).toJson());
        long nanos = System.nanoTime() - start;
        return new Run(nanos / 1e6, ssmCalls(aws), 0);
    }

    private static int ssmCalls(LocalAws aws) {
        return (int) aws.audit().events(PRINCIPAL).stream().filter(e -> "ssm".equals(e.service())).map(AuditEvent::requestId).distinct().count();
    }

    private static List<SecretRequest> setUp(LocalAws aws, int secrets) {
        List<SecretRequest> requests = new ArrayList<>();
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("benchmark")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/benchmark").targetKeyId(key));
            for (int i = 0; i < secrets; i++) {
                String name = String.format(Locale.ROOT, "/benchmark/app/secret-%03d", i);
                ssm.putParameter(r -> r.name(name).value("value of " + name).type(ParameterType.SECURE_STRING).keyId("alias/benchmark"));
                requests.add(new SecretRequest(String.format(Locale.ROOT, "SECRET_%03d", i), name, "custom.secretBaker[" + i + "]"));
            }
        }
        return requests;
    }

    private static String report(int secrets, int latencyMillis, int rounds, int warmup, List<Run> ours, List<Run> baseline) {
        double oursMedian = median(ours.stream().mapToDouble(Run::millis).toArray());
        double baselineMedian = median(baseline.stream().mapToDouble(Run::millis).toArray());
        int budget = 2 * ((secrets + 9) / 10);
        StringBuilder md = new StringBuilder();
        md.append("# Bake benchmark\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s with `benchmarks/bake/run.sh` (JDK %s, %s, %d CPUs).%n%n",
                LocalDate.now(), System.getProperty("java.version"), System.getProperty("os.name"),
                Runtime.getRuntime().availableProcessors()));
        md.append(String.format(Locale.ROOT, "%d SecureString parameters on the embedded emulator with %d ms added to every call;"
                        + " both bakes as the same least-privilege principal, interleaved (alternating which runs first),"
                        + " %d rounds after %d warm-up rounds, each run after a 1 s pause (so that secret-baker's rate limiter"
                        + " starts with its full burst, as in a fresh bake). Calls are counted by the emulator's audit trail.%n%n",
                secrets, latencyMillis, rounds, warmup));
        md.append(String.format(Locale.ROOT, "Emulator's HTTP server: `%s=%s`.%n%n", NODELAY, System.getProperty(NODELAY)));
        md.append("| | median time | SSM calls |\n|---|---:|---:|\n");
        md.append(String.format(Locale.ROOT, "| secret-baker (GetParameters x10 + DescribeParameters, in parallel) | %.1f ms | %s |%n",
                oursMedian, callsText(ours)));
        md.append(String.format(Locale.ROOT, "| original plugin's pattern (sequential GetParameter per secret) | %.1f ms | %s |%n%n",
                baselineMedian, callsText(baseline)));
        md.append(String.format(Locale.ROOT, "**Ratio: %.3f** of the original pattern's time (goal: at most 0.1). "
                        + "SSM calls: %s, budget 2 x ceil(N/10) = %d.%n%n",
                oursMedian / baselineMedian, callsText(ours), budget));
        md.append(String.format(Locale.ROOT, "Per call, the original pattern took %.1f ms (its median time / %d calls) with %d ms"
                        + " added: the rest is the emulator's and the HTTP client's own time per call on this machine, which"
                        + " both bakes pay per call.%n%n",
                baselineMedian / secrets, secrets, latencyMillis));
        md.append("Reproduce: `benchmarks/bake/run.sh` (options: `--secrets N --latency-ms L --rounds R --warmup W`).\n\n");
        md.append("Rounds (ms), secret-baker / original pattern:\n\n");
        for (int i = 0; i < ours.size(); i++) {
            md.append(String.format(Locale.ROOT, "- round %d: %.1f / %.1f%n", i + 1, ours.get(i).millis(), baseline.get(i).millis()));
        }
        return md.toString();
    }

    private static String callsText(List<Run> runs) {
        int min = runs.stream().mapToInt(Run::calls).min().orElse(0);
        int max = runs.stream().mapToInt(Run::calls).max().orElse(0);
        return min == max ? String.valueOf(min) : min + "-" + max;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int intArg(String[] args, String name, int fallback) {
        String value = stringArg(args, name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
