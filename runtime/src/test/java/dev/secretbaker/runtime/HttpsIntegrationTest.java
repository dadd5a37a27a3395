package dev.secretbaker.runtime;

import static dev.secretbaker.runtime.SnippetCompatibilityIntegrationTest.SNIPPETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.secretbaker.format.BakedSecret;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalTls;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime and the original plugin's snippets against the emulator over HTTPS, with its own root: trusted
 * through the standard means only (a JVM truststore, {@code AWS_CA_BUNDLE}), and refused without them.
 */
class HttpsIntegrationTest {

    private static Emulator emulator;
    private static LocalTls tls;
    private static BakedSecret secret;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = Emulator.startTls();
        tls = emulator.aws.tls().orElseThrow();
        secret = emulator.bake("DB_PASSWORD", "over https", emulator.createKey());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void clearAudit() {
        emulator.clearAudit();
    }

    @Test
    void get_inAJvmGivenTheEmulatorsTrustStore_decryptsOverHttps() throws Exception {
        Process process = function(List.of("-Djavax.net.ssl.trustStore=" + tls.trustStore(),
                "-Djavax.net.ssl.trustStorePassword=" + LocalTls.TRUST_STORE_PASSWORD));

        String out = output(process);

        assertThat(out).contains("DB_PASSWORD=over https");
        assertThat(emulator.decryptOutcomes()).containsExactly("OK");
    }

    @Test
    void get_inAJvmWithTheJdksDefaultTrust_refusesTheCertificate_once_andSaysHowToTrustIt() throws Exception {
        Process process = function(List.of());

        String out = output(process);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(out).contains("error=SecretDecryptionException").contains("UntrustedCertificate")
                .contains("-Djavax.net.ssl.trustStore=FILE").doesNotContain("over https");
        assertThat(emulator.decryptCalls()).isZero();
    }

    @Test
    void aClientInThisJvm_withoutTheRoot_failsWithoutRetrying() throws Exception {
        Path file = Emulator.writeFile(dir, secret);
        BakedSecretsClient client = emulator.client(file, emulator.aws.principal(LocalAws.ADMIN)).build();

        assertThatThrownBy(() -> client.get("DB_PASSWORD")).isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("UntrustedCertificate")
                .satisfies(e -> assertThat(((SecretDecryptionException) e).errorCode()).isEqualTo("UntrustedCertificate"));
    }

    @Test
    void theNodeSnippet_withNodeExtraCaCerts_decrypts_andWithoutIt_refusesTheCertificate() throws Exception {
        SnippetCompatibilityIntegrationTest.requireNode();
        SnippetCompatibilityIntegrationTest.requireNodeKmsClient();
        Emulator.writeFile(dir, secret);
        List<String> command = List.of("node", SNIPPETS.resolve("node").resolve("decrypt.js").toString(), "DB_PASSWORD");

        var trusted = SnippetCompatibilityIntegrationTest.run(command, dir, environment(true));
        var untrusted = SnippetCompatibilityIntegrationTest.run(command, dir, environment(false));

        assertThat(trusted.exitCode()).as(trusted.both()).isZero();
        assertThat(trusted.output()).isEqualTo("{\"DB_PASSWORD\":\"over https\"}");
        assertThat(untrusted.exitCode()).isNotZero();
        assertThat(untrusted.errors()).containsIgnoringCase("certificate");
        assertThat(emulator.decryptCalls()).isEqualTo(1);
    }

    @Test
    void thePythonSnippet_withAwsCaBundle_decrypts_andWithoutIt_refusesTheCertificate() throws Exception {
        SnippetCompatibilityIntegrationTest.requireBoto3();
        Emulator.writeFile(dir, secret);
        List<String> command = List.of("python3", SNIPPETS.resolve("python").resolve("decrypt.py").toString(),
                "DB_PASSWORD");

        var trusted = SnippetCompatibilityIntegrationTest.run(command, dir, environment(true));
        var untrusted = SnippetCompatibilityIntegrationTest.run(command, dir, environment(false));

        assertThat(trusted.exitCode()).as(trusted.both()).isZero();
        assertThat(trusted.output()).contains("\"DB_PASSWORD\": \"over https\"");
        assertThat(untrusted.exitCode()).isNotZero();
        assertThat(untrusted.both()).containsIgnoringCase("certificate verify failed");
        assertThat(emulator.decryptCalls()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------------------

    private Map<String, String> environment(boolean withCaBundle) {
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", dir.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        if (withCaBundle) {
            // What 'secret-baker local --tls' exports: the AWS CLI and boto3 read the first, Node the second
            // (the JavaScript SDK v3 does not read AWS_CA_BUNDLE).
            env.put("AWS_CA_BUNDLE", tls.caBundle().toString());
            env.put("NODE_EXTRA_CA_CERTS", tls.caBundle().toString());
        }
        return env;
    }

    private Process function(List<String> jvmOptions) throws Exception {
        Path taskRoot = Files.createDirectories(dir.resolve("task"));
        Emulator.writeFile(taskRoot, secret);
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FunctionMain.class.getName(), "DB_PASSWORD"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SECRET_BAKER")
                || k.startsWith("LAMBDA_") || k.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String output(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
