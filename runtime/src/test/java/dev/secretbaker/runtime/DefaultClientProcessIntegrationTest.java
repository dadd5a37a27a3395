package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.LocalAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code BakedSecrets.get} in a fresh JVM with a Lambda-like environment: the default client finds the file and
 * the credentials the way it does in a function, with nothing injected.
 */
class DefaultClientProcessIntegrationTest {

    private static Emulator emulator;
    private static BakedSecret secret;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        secret = emulator.bake("DB_PASSWORD", "from a fresh JVM", emulator.createKey());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private Process run(Map<String, String> env, String... names) throws IOException {
        return run(System.getProperty("java.class.path"), env, names);
    }

    private Process run(String classpath, Map<String, String> env, String... names) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, FunctionMain.class.getName()));
        command.addAll(List.of(names));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SECRET_BAKER") || k.startsWith("LAMBDA_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String output(Process process) throws Exception {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void get_inAFunction_findsTheFileInTheTaskRootAndUsesTheEnvironmentKeys() throws Exception {
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        Emulator.writeFile(taskRoot, secret);
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());

        String out = output(run(env, "DB_PASSWORD"));

        assertThat(out).contains("names=[DB_PASSWORD]").contains("DB_PASSWORD=from a fresh JVM");
        assertThat(emulator.decryptEvents()).isNotEmpty();
    }

    @Test
    void get_withNothingButTheRuntimeAndFormatOnTheClasspath_decrypts() throws Exception {
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        Emulator.writeFile(taskRoot, secret);
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        List<String> kept = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("secret-baker-format") || entry.endsWith(Path.of("runtime", "target", "classes").toString())
                        || entry.endsWith(Path.of("runtime", "target", "test-classes").toString()))
                .toList();
        assertThat(kept).hasSize(3);

        String out = output(run(String.join(java.io.File.pathSeparator, kept), env, "DB_PASSWORD"));

        assertThat(out).contains("DB_PASSWORD=from a fresh JVM");
    }

    @Test
    void initialisingBakedSecretsAndListingNames_decryptsNothing() throws Exception {
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        Emulator.writeFile(taskRoot, secret);
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        emulator.clearAudit();

        String out = output(run(env)); // no names: initialise the class and list the names only

        assertThat(out).contains("initialised").contains("names=[DB_PASSWORD]");
        assertThat(emulator.decryptEvents()).isEmpty();
        assertThat(emulator.aws.audit().events()).isEmpty();
    }

    @Test
    void get_ofAnAdvancedTierSecretWithoutTheEncryptionSdk_namesTheDependencyToAdd() throws Exception {
        BakedSecret advanced = emulator.bake("BIG", "big-without-esdk", "v".repeat(5000), emulator.createKey(),
                software.amazon.awssdk.services.ssm.model.ParameterTier.ADVANCED);
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        Emulator.writeFile(taskRoot, advanced);
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        String classpath = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(
                        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("aws-encryption-sdk-java")).toList());
        assertThat(classpath).doesNotContain("aws-encryption-sdk-java");

        Process process = run(classpath, env, "BIG");
        String out = output(process);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out).contains("error=MissingDependencyException").contains("com.amazonaws:aws-encryption-sdk-java");
    }

    @Test
    void get_withSecretBakerFile_readsThatFile() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path file = Emulator.writeFile(elsewhere, secret);
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("SECRET_BAKER_FILE", file.toString());

        assertThat(output(run(env, "DB_PASSWORD"))).contains("DB_PASSWORD=from a fresh JVM");
    }

    @Test
    void get_withNoFileAnywhere_failsListingThePlacesTried() throws Exception {
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", dir.resolve("missing").toString());

        Process process = run(env, "DB_PASSWORD");
        String out = output(process);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out).contains("error=SecretsFileNotFoundException")
                .contains("SECRET_BAKER_FILE (not set)")
                .contains("$LAMBDA_TASK_ROOT/" + dir.resolve("missing").resolve("secret-baker-secrets.json"))
                .contains("classpath:/secret-baker-secrets.json")
                .contains("working directory");
    }
}
