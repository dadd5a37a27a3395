package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.local.LocalPrincipal;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** bake and verify end to end through the command line, against the emulator, as a least-privilege deployer. */
class BakeCommandIntegrationTest {

    private static final String KEY_ALIAS = "alias/cli-test";

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;

    @TempDir
    Path folder;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        LocalPrincipal deployer = aws.addPrincipal("deployer",
                List.of("ssm:GetParameter", "ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));
        // The SDK's default credentials chain reads these system properties first; the CLI follows that chain.
        System.setProperty("aws.accessKeyId", deployer.accessKeyId());
        System.setProperty("aws.secretAccessKey", deployer.secretAccessKey());
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("cli test")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName(KEY_ALIAS).targetKeyId(key));
            ssm.putParameter(r -> r.name("/app/dev/db").value("db-value-canary").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
            ssm.putParameter(r -> r.name("API_KEY").value("api-value-canary").type(ParameterType.SECURE_STRING).keyId(KEY_ALIAS));
            ssm.putParameter(r -> r.name("/app/dev/plain").value("plain-value-canary").type(ParameterType.STRING));
        }
    }

    @AfterAll
    static void tearDown() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Path serverlessYml(String... entries) throws Exception {
        StringBuilder yaml = new StringBuilder("service: app\nprovider:\n  name: aws\n  stage: prod\ncustom:\n  secretBaker:\n");
        for (String entry : entries) {
            yaml.append("    ").append(entry).append('\n');
        }
        Path file = folder.resolve("serverless.yml");
        Files.writeString(file, yaml.toString());
        return file;
    }

    private String[] args(String command, Path config, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--config", config.toString(), "--stage", "dev",
                "--region", aws.region(), "--endpoint-url", aws.endpoint().toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void bake_writesTheFile_andPrintsASummaryWithoutValues() throws Exception {
        Path config = serverlessYml("- API_KEY", "- name: DB_PASSWORD", "  path: /app/${sls:stage}/db");
        Path output = folder.resolve("build/secret-baker-secrets.json");

        CommandRun run = CommandRun.of(args("bake", config, "--output", output.toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(output).exists();
        assertThat(run.out()).contains("Baked 2 secrets", "API_KEY", "DB_PASSWORD", "/app/dev/db", KEY_ALIAS, "Standard",
                "2 SSM calls").doesNotContain("canary");
        assertThat(Files.readString(output)).startsWith("{\"API_KEY\":").doesNotContain("canary");
    }

    @Test
    void bake_withJson_printsAMachineReadableSummary() throws Exception {
        Path config = serverlessYml("- API_KEY", "- name: DB_PASSWORD", "  path: /app/${sls:stage}/db");
        Path output = folder.resolve("secret-baker-secrets.json");

        CommandRun run = CommandRun.of(args("bake", config, "--output", output.toString(), "--json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("ok").asBoolean()).isTrue();
        assertThat(summary.get("output").asText()).isEqualTo(output.toAbsolutePath().toString());
        assertThat(summary.get("secrets")).extracting(s -> s.get("name").asText()).containsExactly("API_KEY", "DB_PASSWORD");
        assertThat(summary.get("secrets").get(1).get("arn").asText()).endsWith(":parameter/app/dev/db");
        assertThat(summary.get("apiCalls").get("total").asInt()).isEqualTo(2);
        assertThat(run.out()).doesNotContain("canary");
    }

    @Test
    void bake_quiet_printsNothing() throws Exception {
        Path config = serverlessYml("- API_KEY");

        CommandRun run = CommandRun.of(args("bake", config, "--output", folder.resolve("s.json").toString(), "--quiet"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void bake_fromJsonOnStandardInput() throws Exception {
        Path output = folder.resolve("secret-baker-secrets.json");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("[\"API_KEY\",{\"name\":\"DB\",\"path\":\"/app/dev/db\"}]".getBytes(StandardCharsets.UTF_8)));
            CommandRun run = CommandRun.of("bake", "--config-json", "-", "--region", aws.region(),
                    "--endpoint-url", aws.endpoint().toString(), "--output", output.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
        } finally {
            System.setIn(stdin);
        }
        assertThat(Files.readString(output)).startsWith("{\"API_KEY\":").contains("\"DB\":");
    }

    @Test
    void bake_andPolicy_withFunction_takeTheServiceSecretsPlusThatFunctionsOwn_fromServerlessYml() throws Exception {
        Path config = Files.writeString(folder.resolve("serverless.yml"), "service: app\nprovider:\n  name: aws\n"
                + "custom:\n  secretBaker:\n    - API_KEY\nfunctions:\n  api:\n    handler: h\n    secretBaker:\n"
                + "      DB: /app/${sls:stage}/db\n  other:\n    handler: h\n");
        Path output = folder.resolve("api.json");

        CommandRun bake = CommandRun.of(args("bake", config, "--function", "api", "--output", output.toString(), "--quiet"));
        CommandRun policy = CommandRun.of(args("policy", config, "--function", "other"));

        assertThat(bake.exitCode()).as(bake.err()).isZero();
        assertThat(Files.readString(output)).startsWith("{\"API_KEY\":").contains("\"DB\":");
        assertThat(policy.exitCode()).as(policy.err()).isZero();
        assertThat(policy.out()).contains("parameter/API_KEY").doesNotContain("/app/dev/db");
        assertThat(CommandRun.of(args("verify", config, "--function", "nope")).err())
                .contains("functions.nope: there is no such function in serverless.yml (functions: [api, other])");
    }

    private CommandRun bakePackages(String json, String... more) {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
            List<String> args = new ArrayList<>(List.of("bake", "--packages-json", "-", "--region", aws.region(),
                    "--endpoint-url", aws.endpoint().toString()));
            args.addAll(List.of(more));
            return CommandRun.of(args.toArray(String[]::new));
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void bake_packagesJson_writesEachPackageItsSecrets_andPrintsEachPackagesPolicy_theUnions_andTheSharedRoles() throws Exception {
        Path api = folder.resolve("api/secret-baker-secrets.json");
        Path service = folder.resolve("secret-baker-secrets.json");
        String json = "{\"secretBaker\": [\"API_KEY\"], \"functions\": {\"api\": {\"DB\": \"/app/dev/db\"}},"
                + " \"packages\": [{\"functions\": [\"api\"], \"file\": \"" + api + "\", \"sharedRole\": false},"
                + " {\"functions\": [\"other\"], \"file\": \"" + service + "\"}]}";

        CommandRun run = bakePackages(json, "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(api)).startsWith("{\"API_KEY\":").contains("\"DB\":");
        assertThat(Files.readString(service)).startsWith("{\"API_KEY\":").doesNotContain("\"DB\"");
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("packages")).hasSize(2);
        assertThat(summary.at("/packages/0/output").asText()).isEqualTo(api.toString());
        assertThat(summary.at("/packages/0/functions/0").asText()).isEqualTo("api");
        assertThat(summary.at("/packages/0/secrets").toString()).isEqualTo("[\"API_KEY\",\"DB\"]");
        assertThat(summary.at("/packages/1/secrets").toString()).isEqualTo("[\"API_KEY\"]");
        String arnCondition = "/0/Condition/StringEquals/kms:EncryptionContext:PARAMETER_ARN";
        assertThat(summary.at("/packages/1/policyStatements" + arnCondition)).hasSize(1);
        assertThat(summary.at("/packages/0/policyStatements" + arnCondition)).hasSize(2);
        assertThat(summary.at("/policyStatements" + arnCondition)).hasSize(2);
        // api runs with a role of its own: the shared role needs only the other package's secret.
        assertThat(summary.at("/sharedRolePolicyStatements" + arnCondition)).hasSize(1);
        assertThat(summary.get("secrets")).hasSize(2);
        assertThat(summary.at("/secrets/1/source").asText()).isEqualTo("functions.api.secretBaker.DB");
        assertThat(summary.at("/apiCalls/getParameters").asInt()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("canary");
    }

    @Test
    void bake_packagesJson_printsATableNamingEachPackage() {
        String json = "{\"secretBaker\": [\"API_KEY\"], \"packages\": [{\"functions\": [\"a\", \"b\"], \"file\": \""
                + folder.resolve("a.json") + "\"}, {\"functions\": [], \"file\": \"" + folder.resolve("s.json") + "\"}]}";

        CommandRun run = bakePackages(json);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Baked 1 secret into " + folder.resolve("a.json") + " (functions a, b).",
                "Baked 1 secret into " + folder.resolve("s.json") + " (the service's secrets).", "API_KEY");
    }

    @Test
    void bake_packagesJson_withAConflictInASharedPackage_failsNamingBothEntries_andWritesNothing() throws Exception {
        String json = "{\"secretBaker\": {\"DB\": \"/app/dev/db\"}, \"functions\": {\"b\": {\"DB\": \"API_KEY\"}},"
                + " \"packages\": [{\"functions\": [\"a\", \"b\"], \"file\": \"" + folder.resolve("x.json") + "\"}]}";

        CommandRun run = bakePackages(json);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("functions.b.secretBaker.DB: functions a and b share one deployment package");
        try (var files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void bake_packagesJson_withOutputOrConfig_isAUsageError() {
        String json = "{\"packages\": [{\"functions\": [], \"file\": \"x.json\"}]}";

        assertThat(bakePackages(json, "--output", "y.json").exitCode()).isEqualTo(2);
        assertThat(bakePackages(json, "--config-json", "-").err()).contains("Give either --packages-json or --config/--config-json/--function");
    }

    @Test
    void verify_ofAStringParameter_failsWithExitCode1_namingSecretAndPath_andWritesNothing() throws Exception {
        Path config = serverlessYml("- API_KEY", "- name: PLAIN", "  path: /app/${sls:stage}/plain", "- name: GONE", "  path: /app/gone");

        CommandRun run = CommandRun.of(args("verify", config));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("PLAIN", "/app/dev/plain", "not a SecureString", "GONE", "/app/gone", "does not exist")
                .doesNotContain("canary");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(config);
        }
    }

    @Test
    void bake_failureWithJson_listsTheProblemsOnStandardOutput() throws Exception {
        Path config = serverlessYml("- name: PLAIN", "  path: /app/${sls:stage}/plain");
        Path output = folder.resolve("secret-baker-secrets.json");

        CommandRun run = CommandRun.of(args("bake", config, "--output", output.toString(), "--json"));

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("ok").asBoolean()).isFalse();
        assertThat(summary.get("problems").get(0).get("name").asText()).isEqualTo("PLAIN");
        assertThat(output).doesNotExist();
    }

    @Test
    void verify_succeeds_withoutWritingAFile() throws Exception {
        Path config = serverlessYml("- API_KEY");

        CommandRun run = CommandRun.of(args("verify", config));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("The secret can be baked; nothing was written.");
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(config);
        }
    }

    @Test
    void bake_toAFolder_failsWithExitCode1_andSaysToGiveAFile() throws Exception {
        Path config = serverlessYml("- API_KEY");

        CommandRun run = CommandRun.of(args("bake", config, "--output", folder.toString()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is a folder");
    }

    @Test
    void bake_withoutAServerlessYmlHere_failsWithExitCode1_andNamesTheOptions() {
        CommandRun run = CommandRun.of("bake", "--region", aws.region(), "--endpoint-url", aws.endpoint().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No serverless.yml", "--config", "--config-json");
    }

    @Test
    void demo_runsTheWholeJob_andShowsTheDeployerNeverDecrypted() {
        CommandRun run = CommandRun.of("demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Baked 4 secrets", "deployer made 0 Decrypt calls and 0 WithDecryption=true reads",
                "denied: AccessDeniedException", "DB_PASSWORD          = correct-horse-battery-staple");
    }
}
