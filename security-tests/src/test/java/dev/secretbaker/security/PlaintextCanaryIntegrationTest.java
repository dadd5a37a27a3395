package dev.secretbaker.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalPrincipal;
import dev.secretbaker.runtime.BakedSecretsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The build side never sees a plaintext: SecureStrings whose values are unique canaries are baked through each
 * front end, then every file the build produced (archives opened), every byte of its output, the emulator's
 * audit trail and every byte that crossed the wire to and from the deployer are searched for each canary in
 * each encoding. One hit fails the test, naming where and in which encoding.
 */
class PlaintextCanaryIntegrationTest {

    private static final String KEY_ALIAS = "alias/canary";
    private static final Figures FIGURES = Figures.of(PlaintextCanaryIntegrationTest.class);

    @TempDir
    static Path work;

    private static LocalAws aws;
    private static WireRecorder wire;
    private static LocalPrincipal deployer;
    private static final List<Canary> CANARIES = new ArrayList<>();
    private static final Map<String, String> PARAMETERS = Map.of("STANDARD_SECRET", "/canary/standard",
            "ADVANCED_SECRET", "/canary/advanced");

    @BeforeAll
    static void plantCanaries() {
        aws = LocalAws.builder().auditLog(work.resolve("audit.jsonl")).build().start();
        deployer = aws.addPrincipal("deployer", List.of("ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));
        aws.addPrincipal("function", List.of("kms:Decrypt"), List.of("*"));
        wire = WireRecorder.in(aws.endpoint());
        Canary standard = Canary.create("standard");
        Canary advanced = Canary.create("advanced");
        Canary springApiKey = Canary.create("spring-api-key");
        CANARIES.addAll(List.of(standard, advanced, springApiKey));
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("canary key")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(key));
            ssm.putParameter(r -> r.name("/canary/standard").value(standard.value()).type(ParameterType.SECURE_STRING)
                    .keyId(KEY_ALIAS).tier(ParameterTier.STANDARD));
            ssm.putParameter(r -> r.name("/canary/advanced").value(advanced.value()).type(ParameterType.SECURE_STRING)
                    .keyId(KEY_ALIAS).tier(ParameterTier.ADVANCED));
            ssm.putParameter(r -> r.name("/canary/spring-api-key").value(springApiKey.value())
                    .type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).tier(ParameterTier.STANDARD));
        }
        aws.audit().clear();
    }

    @AfterAll
    static void stop() {
        wire.close();
        aws.close();
    }

    private static Map<String, String> deployerEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", deployer.accessKeyId(), "AWS_SECRET_ACCESS_KEY", deployer.secretAccessKey(),
                "AWS_REGION", aws.region(), "AWS_ENDPOINT_URL", wire.endpoint().toString());
    }

    private static String serverlessYml() {
        StringBuilder yml = new StringBuilder("""
                service: canary
                provider:
                  name: aws
                  runtime: java17
                custom:
                  secretBaker:
                """);
        PARAMETERS.forEach((name, path) -> yml.append("    ").append(name).append(": ").append(path).append('\n'));
        return yml.toString();
    }

    @Test
    void cli_bakeVerifyListStatusAndJson_leaveNoCanaryInFilesOutputAuditOrWire() throws Exception {
        Path project = Files.createDirectories(work.resolve("cli-project"));
        Files.writeString(project.resolve("serverless.yml"), serverlessYml());
        Path streams = Files.createDirectories(work.resolve("cli-streams"));
        Map<String, String> env = deployerEnvironment();

        List<ChildProcess.Result> runs = List.of(
                ChildProcess.cli(streams, env, "bake", "bake", "--config", project.resolve("serverless.yml").toString(),
                        "--output", project.resolve(SecretsFile.FILE_NAME).toString()),
                ChildProcess.cli(streams, env, "verify", "verify", "--config", project.resolve("serverless.yml").toString()),
                ChildProcess.cli(streams, env, "list", "list", "--file", project.resolve(SecretsFile.FILE_NAME).toString()),
                ChildProcess.cli(streams, env, "status", "status", "--config", project.resolve("serverless.yml").toString(),
                        "--file", project.resolve(SecretsFile.FILE_NAME).toString()),
                ChildProcess.cli(streams, env, "status-json", "status", "--json", "--config",
                        project.resolve("serverless.yml").toString(), "--file", project.resolve(SecretsFile.FILE_NAME).toString()),
                ChildProcess.cli(streams, env, "bake-json", "bake", "--json", "--config",
                        project.resolve("serverless.yml").toString(), "--output", project.resolve("json/out.json").toString()));
        for (ChildProcess.Result run : runs) {
            assertThat(run.exitCode()).as(run.command() + "\n" + run.out() + run.err()).isZero();
        }

        CanaryScanner scanner = new CanaryScanner(CANARIES).scanPath(project).scanPath(streams);
        for (ChildProcess.Result run : runs) {
            scanner.scanText("stdout of " + String.join(" ", run.command().subList(6, run.command().size())), run.out())
                    .scanText("stderr of " + String.join(" ", run.command().subList(6, run.command().size())), run.err());
        }
        scanEmulatorRecords(scanner);
        record("cli", scanner);
        scanner.assertNoHits();
        assertDeployerNeverDecrypted();
        // The canaries really are in what was baked: the function's role turns the file back into them.
        assertBakedFileHoldsTheCanaries(project.resolve(SecretsFile.FILE_NAME));
        assertBakedFileHoldsTheCanaries(project.resolve("json/out.json"));
    }

    @Test
    void mavenPlugin_packageBuild_leavesNoCanaryInTargetJarLogsAuditOrWire() throws Exception {
        Path project = MavenProcess.copyProject("canary-maven", work.resolve("maven-project"));
        Files.writeString(project.resolve("serverless.yml"), serverlessYml());

        ChildProcess.Result build = MavenProcess.run(project, Map.of(
                        "AWS_ACCESS_KEY_ID", deployer.accessKeyId(), "AWS_SECRET_ACCESS_KEY", deployer.secretAccessKey(),
                        "AWS_REGION", aws.region()),
                "maven", "package", "-Dsecret-baker.endpointUrl=" + wire.endpoint());

        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        CanaryScanner scanner = new CanaryScanner(CANARIES).scanPath(project)
                .scanText("stdout of mvn package", build.out()).scanText("stderr of mvn package", build.err());
        scanEmulatorRecords(scanner);
        record("maven", scanner);
        scanner.assertNoHits();
        assertDeployerNeverDecrypted();
        Path jar = project.resolve("target/canary-maven-1.0.jar");
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            Path baked = work.resolve("maven-baked.json");
            try (var in = zip.getInputStream(zip.getEntry(SecretsFile.FILE_NAME))) {
                Files.write(baked, in.readAllBytes());
            }
            assertBakedFileHoldsTheCanaries(baked);
        }
    }

    /**
     * The Spring Cloud Function example ({@code examples/spring-cloud-function}) built with {@code mvn package}, then
     * started from its jar as the function's role with Spring's debug report and debug logging on, so that its
     * secrets are decrypted and bound ({@code @Value}, {@code @ConfigurationProperties}) while Spring reports on
     * every property source and bean: no canary in the build's files, jar or output, nor in the application's.
     */
    @Test
    void springCloudFunctionExample_buildAndStartWithDebugReports_leaveNoCanary() throws Exception {
        Path project = copyFolder(Path.of(System.getProperty("secretbaker.springExample")), work.resolve("spring-project"));
        Files.writeString(project.resolve("serverless.yml"), """
                service: canary-spring
                provider:
                  name: aws
                  runtime: java21
                custom:
                  secretBaker:
                    DB_PASSWORD: /canary/standard
                    API_KEY: /canary/spring-api-key
                """);

        ChildProcess.Result build = MavenProcess.run(project, Map.of(
                        "AWS_ACCESS_KEY_ID", deployer.accessKeyId(), "AWS_SECRET_ACCESS_KEY", deployer.secretAccessKey(),
                        "AWS_REGION", aws.region()),
                "maven", "package", "-Dsecret-baker.endpointUrl=" + wire.endpoint(),
                "-DsecretBaker.version=" + System.getProperty("it.pluginVersion"));
        assertThat(build.exitCode()).as(build.out() + build.err()).isZero();
        CanaryScanner scanner = new CanaryScanner(CANARIES).scanPath(project)
                .scanText("stdout of mvn package", build.out()).scanText("stderr of mvn package", build.err());
        scanEmulatorRecords(scanner);
        assertDeployerNeverDecrypted();
        aws.audit().clear();

        LocalPrincipal function = aws.principal("function");
        ChildProcess.Result start = ChildProcess.run(project, Map.of("AWS_ACCESS_KEY_ID", function.accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY", function.secretAccessKey(), "AWS_REGION", aws.region(),
                        "AWS_ENDPOINT_URL", aws.endpoint().toString()), "spring-start",
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        project.resolve("target/greeter.jar").toString(), "com.example.greeter.GreeterApplication",
                        "--debug", "--logging.level.org.springframework=DEBUG", "--spring.main.web-application-type=none"),
                3);

        assertThat(start.exitCode()).as(start.out() + start.err()).isZero();
        assertThat(start.out()).contains("CONDITIONS EVALUATION REPORT");
        // Both secrets were decrypted and bound while Spring reported.
        assertThat(aws.audit().events("function")).extracting(AuditEvent::operation).containsExactly("Decrypt", "Decrypt");
        scanner.scanText("stdout of the started application", start.out())
                .scanText("stderr of the started application", start.err());
        record("spring", scanner);
        scanner.assertNoHits();
    }

    private static Path copyFolder(Path source, Path into) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                String relative = source.relativize(file).toString();
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = into.resolve(relative);
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return into;
    }

    /**
     * {@code sls package} with the Serverless plugin, under the Serverless Framework 3.40.0 that the plugin's own
     * end-to-end tests install into {@code serverless-plugin/.cache/framework}; skipped, saying why, when Node or
     * that Framework is not on this machine (a full {@code ./mvnw verify} builds the plugin module first).
     */
    @Test
    void serverlessPlugin_slsPackage_leavesNoCanaryInTheServiceFolderPackageOrOutput() throws Exception {
        Path pluginDir = Path.of(System.getProperty("secretbaker.serverlessPluginDir", "../serverless-plugin")).toAbsolutePath().normalize();
        String cache = System.getenv("SECRET_BAKER_E2E_CACHE");
        Path framework = (cache != null ? Path.of(cache) : pluginDir.resolve(".cache/framework"))
                .resolve("node_modules/serverless/bin/serverless.js");
        Optional<Path> node = onPath("node");
        Assumptions.assumeTrue(node.isPresent(), "node is not on PATH");
        Assumptions.assumeTrue(Files.isRegularFile(framework), framework + " is missing: the serverless-plugin module's"
                + " end-to-end tests install it (./mvnw -pl serverless-plugin verify)");

        Path service = Files.createDirectories(work.resolve("serverless-service"));
        Files.writeString(service.resolve("serverless.yml"), """
                service: canary
                frameworkVersion: '3'
                provider:
                  name: aws
                  runtime: nodejs18.x
                  region: us-east-1
                plugins:
                  - serverless-secret-baker-jvm
                package:
                  patterns:
                    - '!node_modules/**'
                    - '!.home/**'
                functions:
                  hello:
                    handler: handler.hello
                """ + serverlessYml().substring(serverlessYml().indexOf("custom:")));
        Files.writeString(service.resolve("handler.js"), "exports.hello = async () => 'ok';\n");
        Files.createDirectories(service.resolve("node_modules"));
        Files.createSymbolicLink(service.resolve("node_modules/serverless-secret-baker-jvm"), pluginDir);
        Path home = Files.createDirectories(service.resolve(".home"));
        Map<String, String> env = new java.util.HashMap<>(deployerEnvironment());
        env.putAll(Map.of("HOME", home.toString(), "CI", "1", "SLS_TELEMETRY_DISABLED", "1", "SLS_TRACKING_DISABLED", "1",
                "SLS_NOTIFICATIONS_MODE", "off", "SLS_INTERACTIVE_SETUP_DISABLE", "1", "SLS_DEPRECATION_DISABLE", "*",
                "SECRET_BAKER_CLI_JAR", ChildProcess.cliJar().toAbsolutePath().toString(),
                "JAVA_HOME", System.getProperty("java.home")));

        ChildProcess.Result packaged = ChildProcess.run(service, env, "sls-package",
                List.of(node.get().toString(), framework.toString(), "package"), 4);

        assertThat(packaged.exitCode()).as(packaged.out() + packaged.err()).isZero();
        Path zip = service.resolve(".serverless/canary.zip");
        assertThat(zip).exists();
        Files.delete(service.resolve("node_modules/serverless-secret-baker-jvm")); // the plugin's folder is not output
        CanaryScanner scanner = new CanaryScanner(CANARIES).scanPath(service)
                .scanText("stdout of sls package", packaged.out()).scanText("stderr of sls package", packaged.err());
        scanEmulatorRecords(scanner);
        record("serverless", scanner);
        scanner.assertNoHits();
        assertDeployerNeverDecrypted();
        try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(zip.toFile())) {
            Path baked = work.resolve("serverless-baked.json");
            try (var in = archive.getInputStream(archive.getEntry(SecretsFile.FILE_NAME))) {
                Files.write(baked, in.readAllBytes());
            }
            assertBakedFileHoldsTheCanaries(baked);
        }
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The audit trail (in memory and its file) and every byte to and from the emulator. */
    private static void scanEmulatorRecords(CanaryScanner scanner) {
        scanner.scanText("the emulator's audit trail", aws.audit().toJsonLines())
                .scanPath(work.resolve("audit.jsonl"))
                .scanBytes("requests from the deployer on the wire", wire.requests())
                .scanBytes("responses to the deployer on the wire", wire.responses());
        assertThat(wire.responses().length).as("the wire recorder saw the responses").isPositive();
    }

    private static void assertDeployerNeverDecrypted() {
        List<AuditEvent> deployerCalls = aws.audit().events("deployer");
        assertThat(deployerCalls).isNotEmpty();
        assertThat(deployerCalls).allSatisfy(event -> {
            assertThat(event.operation()).isIn("GetParameters", "DescribeParameters");
            assertThat(event.withDecryption()).isNotEqualTo(Boolean.TRUE);
        });
    }

    /** The canaries really are in what was baked: the runtime, as the function's role, turns the file back into them. */
    private static void assertBakedFileHoldsTheCanaries(Path file) {
        BakedSecretsClient secrets = BakedSecretsClient.builder().file(file).endpoint(aws.endpoint())
                .credentialsProvider(LocalAwsClients.credentials(aws.principal("function"))).build();
        assertThat(secrets.names()).containsExactlyInAnyOrderElementsOf(PARAMETERS.keySet());
        assertThat(secrets.get("STANDARD_SECRET")).isEqualTo(CANARIES.get(0).value());
        assertThat(secrets.get("ADVANCED_SECRET")).isEqualTo(CANARIES.get(1).value());
    }

    private static void record(String frontEnd, CanaryScanner scanner) {
        FIGURES.put(frontEnd + ".itemsScanned", scanner.itemsScanned())
                .put(frontEnd + ".bytesScanned", scanner.bytesScanned())
                .put(frontEnd + ".canaries", CANARIES.size())
                .put(frontEnd + ".encodingsPerCanary", CANARIES.get(0).forms().size())
                .put(frontEnd + ".hits", scanner.hits().size());
    }
}
