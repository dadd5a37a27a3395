package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsClients;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.local.LocalPrincipal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The CLI in its own process, configured only as AWS tools are: environment variables or a named profile. This
 * is how the Serverless plugin and CI systems run it.
 */
class BakeProcessIntegrationTest {

    @RegisterExtension
    static LocalAwsExtension extension = LocalAwsExtension.create();

    private static LocalAws aws;
    private static LocalPrincipal deployer;

    @TempDir
    Path folder;

    @BeforeAll
    static void setUp() {
        aws = extension.aws();
        deployer = aws.addPrincipal("deployer", List.of("ssm:GetParameters", "ssm:DescribeParameters"), List.of("*"));
        try (KmsClient kms = LocalAwsClients.kms(aws); SsmClient ssm = LocalAwsClients.ssm(aws)) {
            String key = kms.createKey(r -> r.description("process test")).keyMetadata().keyId();
            kms.createAlias(r -> r.aliasName("alias/process-test").targetKeyId(key));
            ssm.putParameter(r -> r.name("/svc/token").value("token-canary").type(ParameterType.SECURE_STRING).keyId("alias/process-test"));
        }
    }

    @Test
    void bake_takesEndpointRegionAndCredentialsFromTheEnvironment() throws Exception {
        Path output = folder.resolve("secret-baker-secrets.json");

        Result result = run(Map.of(
                        "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                        "AWS_REGION", aws.region(),
                        "AWS_ACCESS_KEY_ID", deployer.accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY", deployer.secretAccessKey()),
                "bake", "--config-json", "-", "--json", "--output", output.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(result.out());
        assertThat(summary.get("ok").asBoolean()).isTrue();
        assertThat(summary.get("secrets").get(0).get("arn").asText()).endsWith(":parameter/svc/token");
        assertThat(output).exists();
        assertThat(result.out() + result.err()).doesNotContain("token-canary");
    }

    @Test
    void bake_takesEverythingFromANamedProfile() throws Exception {
        Path config = folder.resolve("config");
        Files.writeString(config, "[profile ci]\nregion = " + aws.region() + "\nendpoint_url = " + aws.endpoint() + "\n");
        Path credentials = folder.resolve("credentials");
        Files.writeString(credentials, "[ci]\naws_access_key_id = " + deployer.accessKeyId()
                + "\naws_secret_access_key = " + deployer.secretAccessKey() + "\n");
        Path output = folder.resolve("secret-baker-secrets.json");

        Result result = run(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", credentials.toString()),
                "bake", "--config-json", "-", "--profile", "ci", "--output", output.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Baked 1 secret", "/svc/token");
        assertThat(output).exists();
    }

    @Test
    void bake_withoutRegionOption_usesProviderRegionOfServerlessYaml() throws Exception {
        Files.writeString(folder.resolve("serverless.yml"), "service: svc\nprovider:\n  name: aws\n  region: "
                + aws.region() + "\ncustom:\n  secretBaker:\n    TOKEN: /svc/token\n");
        Path config = folder.resolve("config");
        Files.writeString(config, "[default]\n");

        Result result = run(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", config.toString(),
                        "AWS_ENDPOINT_URL", aws.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID", deployer.accessKeyId(),
                        "AWS_SECRET_ACCESS_KEY", deployer.secretAccessKey()),
                "bake");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("Baked 1 secret", "/svc/token");
        assertThat(folder.resolve("secret-baker-secrets.json")).exists();
    }

    @Test
    void bake_withoutARegion_failsWithExitCode1_andSaysHowToSetOne() throws Exception {
        Path config = folder.resolve("config");
        Files.writeString(config, "[default]\n");

        Result result = run(Map.of("AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", config.toString()),
                "verify", "--config-json", "-");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("No AWS region is set", "AWS_REGION");
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Runs the CLI in a fresh JVM with only the given AWS settings in its environment. */
    private Result run(Map<String, String> awsEnvironment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecretBakerCommand.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(awsEnvironment);
        // Keep the machine's real files out of it.
        builder.environment().putIfAbsent("AWS_CONFIG_FILE", folder.resolve("no-config").toString());
        builder.environment().putIfAbsent("AWS_SHARED_CREDENTIALS_FILE", folder.resolve("no-credentials").toString());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.redirectOutput(folder.resolve("stdout").toFile()).redirectError(folder.resolve("stderr").toFile());
        Process process = builder.start();
        process.getOutputStream().write("[{\"name\":\"TOKEN\",\"path\":\"/svc/token\"}]".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The CLI did not finish in 60 s");
        }
        return new Result(process.exitValue(), Files.readString(folder.resolve("stdout")), Files.readString(folder.resolve("stderr")));
    }
}
