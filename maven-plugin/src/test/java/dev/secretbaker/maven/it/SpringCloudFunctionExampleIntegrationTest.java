package dev.secretbaker.maven.it;

import static dev.secretbaker.maven.it.SecretBakerBuilds.asDeployer;
import static dev.secretbaker.maven.it.SecretBakerBuilds.assertNowhereIn;
import static dev.secretbaker.maven.it.SecretBakerBuilds.readFromJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsExtension;
import dev.secretbaker.local.LocalPrincipal;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Builds {@code examples/spring-cloud-function} as a user would ({@code mvn package} as the deployer, the emulator as
 * Parameter Store), then runs Lambda's handler for it, Spring Cloud Function's {@code FunctionInvoker}, from the
 * shaded jar in a JVM of its own whose environment is the function's: the {@code function} principal of the
 * example's {@code local-seed.yaml} and KMS at the emulator.
 */
class SpringCloudFunctionExampleIntegrationTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("it.springExample"));
    private static final String DB_PASSWORD = "emulator-db-password-0001";
    private static final String API_KEY = "emulator-greeter-api-key-0001";

    @RegisterExtension
    static LocalAwsExtension emulator = LocalAwsExtension.create(b -> b.seed(EXAMPLE.resolve("local-seed.yaml")));

    @Test
    void example_builtWithThePlugin_readsItsSecretsAsSpringProperties_withOneDecryptEach() throws Exception {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyFolder(EXAMPLE, "spring-cloud-function");

        BuildResult build = asDeployer(aws, project)
                .args("package", "-DsecretBaker.version=" + MavenBuild.PLUGIN_VERSION)
                .run();

        assertThat(build.succeeded()).as("%s", build).isTrue();
        Path jar = project.resolve("target/greeter.jar");
        assertThat(readFromJar(jar).names()).containsExactly("DB_PASSWORD", "API_KEY");
        assertNowhereIn(project, DB_PASSWORD);
        assertNowhereIn(project, API_KEY);
        aws.audit().clear();

        ProcessBuilder lambda = new ProcessBuilder(javaCommand(jar, "org.springframework.cloud.function.adapter.aws.FunctionInvoker",
                "{\"name\":\"Ada\"}", "{\"name\":\"Grace\"}"))
                .redirectErrorStream(true)
                .redirectOutput(project.resolve("function.log").toFile());
        Map<String, String> env = lambda.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SECRET_BAKER") || name.equals("LAMBDA_TASK_ROOT"));
        LocalPrincipal role = aws.principal("function");
        env.put("AWS_ACCESS_KEY_ID", role.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", role.secretAccessKey());
        env.put("AWS_REGION", aws.region());
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        Process function = lambda.start();
        assertThat(function.waitFor(2, TimeUnit.MINUTES)).as("the function finished").isTrue();
        String log = Files.readString(project.resolve("function.log"), StandardCharsets.UTF_8);
        assertThat(function.exitValue()).as(log).isZero();

        List<String> answers = log.lines().filter(line -> line.startsWith("ANSWER ")).map(line -> line.substring(7)).toList();
        assertThat(answers).hasSize(2);
        String expected = "Hello, Ada!";
        assertThat(answers.get(0)).contains("\"message\":\"" + expected + "\"",
                "\"signature\":\"" + hmac(expected, API_KEY) + "\"",
                "\"passwordFingerprint\":\"" + fingerprint(DB_PASSWORD) + "\"",
                "\"database\":\"greeter@jdbc:postgresql://db.example.com:5432/greeter\"");
        assertThat(answers.get(1)).contains("Hello, Grace!");
        assertThat(log).doesNotContain(DB_PASSWORD, API_KEY);
        // One Decrypt per secret for the container's life, by the function's role; none on the warm call.
        assertThat(aws.audit().events()).extracting(AuditEvent::principal, AuditEvent::operation, AuditEvent::outcome)
                .containsOnly(tuple("function", "Decrypt", AuditEvent.OK))
                .hasSize(2);
    }

    private static String hmac(String message, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String fingerprint(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 8);
    }

    /** {@code java} with only the function's jar and the invoking class, in the environment Lambda gives it. */
    private static List<String> javaCommand(Path jar, String handler, String... events) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = jar + File.pathSeparator + Path.of(LambdaInvocation.class.getProtectionDomain()
                .getCodeSource().getLocation().getPath());
        List<String> command = new ArrayList<>(List.of(java, "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-cp", classpath, LambdaInvocation.class.getName(), handler));
        command.addAll(List.of(events));
        return command;
    }
}
