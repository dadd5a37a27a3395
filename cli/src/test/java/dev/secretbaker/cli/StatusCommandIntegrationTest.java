package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secretbaker.local.AwsCli;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.local.LocalPrincipal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code secret-baker status} end to end: a bake through the command line, a rotation and a deletion with the
 * AWS CLI against the emulator, then status as a principal that can read parameters but not decrypt them.
 */
class StatusCommandIntegrationTest {

    private static final String KEY_ALIAS = "alias/status-cli-test";

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;
    private static LocalPrincipal reader;

    @TempDir
    Path folder;

    private String prefix;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        reader = aws.addPrincipal("status-reader",
                List.of("ssm:GetParameters", "ssm:DescribeParameters", "ssm:GetParameterHistory"), List.of("*"));
        actAs(reader);
        try (KmsClient kms = LocalAwsClients.kms(aws)) {
            String key = kms.createKey(r -> r.description("status cli test")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(key));
        }
    }

    /** The SDK's default credentials chain, which the CLI follows, reads these system properties first. */
    private static void actAs(LocalPrincipal principal) {
        System.setProperty("aws.accessKeyId", principal.accessKeyId());
        System.setProperty("aws.secretAccessKey", principal.secretAccessKey());
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void freshPrefix() {
        prefix = "/cli-status/" + UUID.randomUUID().toString().substring(0, 8);
        aws.audit().clear();
    }

    private void put(String name, String value) {
        try (SsmClient ssm = LocalAwsClients.ssm(aws)) {
            ssm.putParameter(r -> r.name(prefix + name).value(value).type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS).overwrite(true));
        }
    }

    private Path serverlessYml(String... entries) throws IOException {
        StringBuilder yaml = new StringBuilder("service: app\nprovider:\n  name: aws\ncustom:\n  secretBaker:\n");
        for (String entry : entries) {
            yaml.append("    ").append(entry).append('\n');
        }
        return Files.writeString(folder.resolve("serverless.yml"), yaml.toString());
    }

    private CommandRun run(String command, Path config, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--config", config.toString(), "--region", aws.region(),
                "--endpoint-url", aws.endpoint().toString()));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private Path bake(Path config) {
        Path output = folder.resolve("secret-baker-secrets.json");
        CommandRun bake = run("bake", config, "--output", output.toString(), "--quiet");
        assertThat(bake.exitCode()).as(bake.err()).isZero();
        return output;
    }

    /** Runs the AWS CLI against the emulator as its administrator. */
    private static void awsCli(String... args) {
        assumeTrue(AwsCli.isInstalled(), "the AWS CLI is not installed (.ci/install-prerequisites installs Debian's awscli)");
        AwsCli.run(aws, aws.defaultPrincipal(), args);
    }

    private CommandRun withStdin(String json, String... args) {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--region", aws.region(), "--endpoint-url", aws.endpoint().toString()));
            return CommandRun.of(all.toArray(String[]::new));
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void status_packagesJson_checksEachPackageAgainstItsOwnSecrets_andExitsWithTheWorst() throws Exception {
        put("/shared", "shared-canary");
        put("/api", "api-canary");
        Path api = folder.resolve("api/secret-baker-secrets.json");
        Path worker = folder.resolve("worker/secret-baker-secrets.json");
        String json = "{\"secretBaker\": {\"SHARED\": \"" + prefix + "/shared\"},"
                + " \"functions\": {\"api\": {\"API_KEY\": \"" + prefix + "/api\"}},"
                + " \"packages\": [{\"functions\": [\"api\"], \"file\": \"" + api + "\"},"
                + " {\"functions\": [\"worker\"], \"file\": \"" + worker + "\"}]}";
        CommandRun bake = withStdin(json, "bake", "--packages-json", "-", "--quiet");
        assertThat(bake.exitCode()).as(bake.err()).isZero();

        CommandRun current = withStdin(json, "status", "--packages-json", "-");
        put("/api", "api-canary-2");
        CommandRun stale = withStdin(json, "status", "--packages-json", "-", "--json");

        assertThat(current.exitCode()).as(current.err()).isZero();
        assertThat(current.out()).contains("functions api: " + api + ": 2 secrets, 2 current",
                "functions worker: " + worker + ": 1 secret, 1 current");
        assertThat(stale.exitCode()).as(stale.err()).isEqualTo(StatusCommand.EXIT_REDEPLOY);
        JsonNode report = new ObjectMapper().readTree(stale.out());
        assertThat(report.get("outcome").asText()).isEqualTo("redeploy");
        assertThat(report.at("/packages/0/functions/0").asText()).isEqualTo("api");
        assertThat(report.at("/packages/0/report/outcome").asText()).isEqualTo("redeploy");
        assertThat(report.at("/packages/1/file").asText()).isEqualTo(worker.toString());
        assertThat(report.at("/packages/1/report/outcome").asText()).isEqualTo("up-to-date");
        assertThat(current.out() + stale.out()).doesNotContain("canary");
    }

    @Test
    void status_rightAfterTheBake_isCurrent_andExitsZero() throws Exception {
        put("/db", "first-canary");
        Path config = serverlessYml("DB_PASSWORD: " + prefix + "/db");
        Path file = bake(config);

        CommandRun status = run("status", config, "--file", file.toString());

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("1 secret, 1 current", "DB_PASSWORD", "current", "v1");
    }

    @Test
    void status_afterARotationWithTheAwsCli_isStale_andExits3_withoutPrintingAValueOrCiphertext() throws Exception {
        put("/db", "first-canary");
        put("/api", "api-canary");
        Path config = serverlessYml("DB_PASSWORD: " + prefix + "/db", "API_KEY: " + prefix + "/api");
        Path file = bake(config);
        awsCli("ssm", "put-parameter", "--name", prefix + "/db", "--type", "SecureString", "--key-id", KEY_ALIAS,
                "--value", "second-canary", "--overwrite");

        CommandRun status = run("status", config, "--file", file.toString());

        assertThat(status.exitCode()).as(status.err()).isEqualTo(3);
        assertThat(status.out()).contains("1 current", "1 stale");
        String dbLine = status.out().lines().filter(l -> l.contains("DB_PASSWORD")).findFirst().orElseThrow();
        assertThat(dbLine).contains("stale", "v1", "v2", prefix.substring(1) + "/db", "bake and deploy again");
        String ciphertext = new ObjectMapper().readTree(Files.readString(file)).get("DB_PASSWORD").get("ciphertext").asText();
        assertThat(status.out() + status.err()).doesNotContain("canary", ciphertext.substring(0, 20));
        assertThat(aws.audit().events("status-reader")).allSatisfy(e -> {
            assertThat(e.service()).isEqualTo("ssm");
            assertThat(e.withDecryption()).isNotEqualTo(Boolean.TRUE);
        });
    }

    @Test
    void status_ofAParameterDeletedWithTheAwsCli_isGone_andExits3() throws Exception {
        put("/db", "first-canary");
        Path config = serverlessYml("DB_PASSWORD: " + prefix + "/db");
        Path file = bake(config);
        awsCli("ssm", "delete-parameter", "--name", prefix + "/db");

        CommandRun status = run("status", config, "--file", file.toString(), "--json");

        assertThat(status.exitCode()).as(status.err()).isEqualTo(3);
        JsonNode report = new ObjectMapper().readTree(status.out());
        assertThat(report.get("outcome").asText()).isEqualTo("redeploy");
        JsonNode db = report.get("secrets").get(0);
        assertThat(db.get("state").asText()).isEqualTo("gone");
        assertThat(db.get("arn").asText()).endsWith(":parameter" + prefix + "/db");
    }

    @Test
    void status_ofAPinnedSecret_inAJar_withJson_isPinned_andExitsZero() throws Exception {
        put("/db", "first-canary");
        put("/db", "second-canary");
        Path config = serverlessYml("DB_PASSWORD: " + prefix + "/db:1");
        Path file = bake(config);
        Path jar = folder.resolve("function.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("secret-baker-secrets.json"));
            zip.write(Files.readAllBytes(file));
            zip.closeEntry();
        }
        Files.delete(file);

        CommandRun status = run("status", config, "--file", jar.toString(), "--json");

        assertThat(status.exitCode()).as(status.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(status.out());
        assertThat(report.get("source").asText()).isEqualTo(jar + "!/secret-baker-secrets.json");
        JsonNode db = report.get("secrets").get(0);
        assertThat(db.get("state").asText()).isEqualTo("pinned");
        assertThat(db.get("pin").asText()).isEqualTo("1");
        assertThat(db.get("bakedVersion").asLong()).isEqualTo(1);
        assertThat(db.get("latestVersion").asLong()).isEqualTo(2);
        assertThat(db.get("newerVersion").asBoolean()).isTrue();
        assertThat(status.out()).doesNotContain("canary", "ciphertext");
    }

    @Test
    void status_whenAccessIsDenied_isUnknown_andExits1_stillPrintingTheTable() throws Exception {
        put("/db", "first-canary");
        Path config = serverlessYml("DB_PASSWORD: " + prefix + "/db");
        Path file = bake(config);
        LocalPrincipal nobody = aws.addPrincipal("nobody-" + prefix.substring(prefix.lastIndexOf('/') + 1),
                List.of("kms:Decrypt"), List.of("*"));
        actAs(nobody);
        CommandRun status;
        try {
            status = run("status", config, "--file", file.toString());
        } finally {
            actAs(reader);
        }

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains("1 unknown", "DB_PASSWORD", "AccessDeniedException");
    }

    @Test
    void status_withoutABakedFile_exits1_andSaysWhereItLooked() throws Exception {
        Path config = serverlessYml("DB_PASSWORD: /whatever");

        CommandRun status = run("status", config, "--file", folder.resolve("missing.json").toString());

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("No file at " + folder.resolve("missing.json"));
    }

    @Test
    void status_withAnUnknownOption_isAUsageError() {
        assertThat(CommandRun.of("status", "--no-such-option").exitCode()).isEqualTo(2);
    }
}
