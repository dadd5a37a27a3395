package dev.secretbaker.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders the figures the security tests wrote (security-tests/target/security-figures/*.json) into one file,
 * security-tests/target/security-figures.json, and into the table of docs/security.md between its markers.
 * JDK only, so that it runs as a single source file after the tests, from the repository root:
 *
 * <pre>java security-tests/src/test/java/dev/secretbaker/security/SecurityFiguresTable.java</pre>
 */
public final class SecurityFiguresTable {

    static final String START = "<!-- security-figures:start -->";
    static final String END = "<!-- security-figures:end -->";
    private static final Pattern MEMBER = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(-?\\d+)");

    /** What each figure means, by test class and name; a figure not listed here is shown by its own name. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("PlaintextCanaryIntegrationTest.cli.canaries", "Canaries planted (Standard + Advanced tier, and one Standard for the Spring example), CLI run");
        LABELS.put("PlaintextCanaryIntegrationTest.cli.encodingsPerCanary", "Encodings searched per canary");
        LABELS.put("PlaintextCanaryIntegrationTest.cli.itemsScanned", "Files, archive entries, streams and records searched, CLI (bake, verify, list, bake --json)");
        LABELS.put("PlaintextCanaryIntegrationTest.cli.bytesScanned", "Bytes searched, CLI");
        LABELS.put("PlaintextCanaryIntegrationTest.cli.hits", "Canary hits, CLI");
        LABELS.put("PlaintextCanaryIntegrationTest.maven.canaries", "Canaries planted, Maven build");
        LABELS.put("PlaintextCanaryIntegrationTest.maven.encodingsPerCanary", "Encodings searched per canary, Maven build");
        LABELS.put("PlaintextCanaryIntegrationTest.maven.itemsScanned", "Files, archive entries, streams and records searched, Maven build (mvn package)");
        LABELS.put("PlaintextCanaryIntegrationTest.maven.bytesScanned", "Bytes searched, Maven build");
        LABELS.put("PlaintextCanaryIntegrationTest.maven.hits", "Canary hits, Maven build");
        LABELS.put("PlaintextCanaryIntegrationTest.spring.canaries", "Canaries planted, Spring Cloud Function example");
        LABELS.put("PlaintextCanaryIntegrationTest.spring.encodingsPerCanary", "Encodings searched per canary, Spring example");
        LABELS.put("PlaintextCanaryIntegrationTest.spring.itemsScanned", "Files, archive entries, streams and records searched, Spring example (mvn package, then a start with --debug and DEBUG logging)");
        LABELS.put("PlaintextCanaryIntegrationTest.spring.bytesScanned", "Bytes searched, Spring example");
        LABELS.put("PlaintextCanaryIntegrationTest.spring.hits", "Canary hits, Spring example");
        LABELS.put("PlaintextCanaryIntegrationTest.serverless.canaries", "Canaries planted, Serverless plugin");
        LABELS.put("PlaintextCanaryIntegrationTest.serverless.encodingsPerCanary", "Encodings searched per canary, Serverless plugin");
        LABELS.put("PlaintextCanaryIntegrationTest.serverless.itemsScanned", "Files, archive entries, streams and records searched, Serverless plugin (sls package, Framework 3.40.0)");
        LABELS.put("PlaintextCanaryIntegrationTest.serverless.bytesScanned", "Bytes searched, Serverless plugin");
        LABELS.put("PlaintextCanaryIntegrationTest.serverless.hits", "Canary hits, Serverless plugin");
        LABELS.put("LeastPrivilegeIntegrationTest.deployerCallsDuringBake", "Deployer calls during its bake (all GetParameters/DescribeParameters, none decrypting)");
        LABELS.put("LeastPrivilegeIntegrationTest.deployerDenials", "Deployer attempts at a plaintext, each denied");
        LABELS.put("LeastPrivilegeIntegrationTest.functionDecryptCalls", "Function role calls (all kms:Decrypt on its key)");
        LABELS.put("FaultsIntegrationTest.bakeStorms", "Bakes under seeded fault storms");
        LABELS.put("FaultsIntegrationTest.bakeStormsSucceeded", "... of which succeeded with a complete, correct file");
        LABELS.put("FaultsIntegrationTest.bakeStormsFailedCleanly", "... of which failed naming every failed secret, older file untouched");
        LABELS.put("FaultsIntegrationTest.bakeCalls", "Bake calls made under the storms");
        LABELS.put("FaultsIntegrationTest.bakeFaultsInjected", "Faults injected into those calls (throttling, 5xx, TPS cap, dropped connections)");
        LABELS.put("FaultsIntegrationTest.runtimeSecrets", "Runtime secrets decrypted under a fault storm");
        LABELS.put("FaultsIntegrationTest.runtimeFaultsInjected", "Faults injected into the runtime's KMS calls");
        LABELS.put("FaultsIntegrationTest.runtimeSecretsFailedDuringStormThenRecovered", "Runtime secrets that failed in the storm and were decrypted once it cleared");
        LABELS.put("FaultsIntegrationTest.loadSecrets", "Secrets in the load bake");
        LABELS.put("FaultsIntegrationTest.loadTpsCap", "GetParameter(s) TPS cap during the load bake");
        LABELS.put("FaultsIntegrationTest.loadCalls", "Calls made by the load bake");
        LABELS.put("FaultsIntegrationTest.loadThrottledAnswers", "Throttled answers during the load bake");
        LABELS.put("SecretsFileFuzzTest.executions", "Secrets-file reader: inputs tried");
        LABELS.put("SecretsFileFuzzTest.accepted", "Secrets-file reader: inputs read as valid (and round-tripped)");
        LABELS.put("ConfigurationFuzzTest.serverlessYamlExecutions", "serverless.yml reader: inputs tried");
        LABELS.put("ConfigurationFuzzTest.jsonExecutions", "JSON configuration reader: inputs tried");
        LABELS.put("EmulatorRequestFuzzTest.signedRequestExecutions", "Emulator: signed request bodies tried");
        LABELS.put("EmulatorRequestFuzzTest.rawHttpExecutions", "Emulator: raw socket inputs tried");
    }

    private SecurityFiguresTable() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Path figures = root.resolve("security-tests/target/security-figures");
        Path doc = root.resolve("docs/security.md");
        Map<String, Long> all = read(figures);
        if (all.isEmpty()) {
            System.err.println("No figures in " + figures + ": run ./mvnw -pl security-tests -am verify first.");
            System.exit(1);
        }
        Files.writeString(root.resolve("security-tests/target/security-figures.json"), toJson(all), StandardCharsets.UTF_8);
        Instant measured = latest(figures);
        Files.writeString(doc, render(Files.readString(doc, StandardCharsets.UTF_8), all, measured), StandardCharsets.UTF_8);
        System.out.println("Wrote " + all.size() + " figures into " + doc);
    }

    static Map<String, Long> read(Path folder) throws IOException {
        Map<String, Long> all = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return all;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String testClass = file.getFileName().toString().replaceFirst("\\.json$", "");
                Matcher member = MEMBER.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (member.find()) {
                    all.put(testClass + "." + member.group(1), Long.parseLong(member.group(2)));
                }
            }
        }
        return all;
    }

    static String render(String doc, Map<String, Long> figures, Instant measured) {
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("docs/security.md has no " + START + " ... " + END + " markers");
        }
        StringBuilder table = new StringBuilder(START).append('\n')
                .append("Measured by `./mvnw -B -ntp -pl security-tests -am verify`, last run ")
                .append(measured.truncatedTo(ChronoUnit.SECONDS)).append(".\n\n")
                .append("| figure | value | test |\n|---|---:|---|\n");
        List<String> ordered = Stream.concat(LABELS.keySet().stream().filter(figures::containsKey),
                figures.keySet().stream().filter(k -> !LABELS.containsKey(k))).toList();
        for (String key : ordered) {
            String testClass = key.substring(0, key.indexOf('.'));
            table.append("| ").append(LABELS.getOrDefault(key, key.substring(key.indexOf('.') + 1))).append(" | ")
                    .append(String.format("%,d", figures.get(key))).append(" | `").append(testClass).append("` |\n");
        }
        return doc.substring(0, start) + table + doc.substring(end);
    }

    private static Instant latest(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant();
                } catch (IOException e) {
                    return Instant.EPOCH;
                }
            }).max(Instant::compareTo).orElse(Instant.EPOCH);
        }
    }

    private static String toJson(Map<String, Long> figures) {
        StringBuilder json = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, Long> figure : figures.entrySet()) {
            json.append("  \"").append(figure.getKey()).append("\": ").append(figure.getValue())
                    .append(++i < figures.size() ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }
}
