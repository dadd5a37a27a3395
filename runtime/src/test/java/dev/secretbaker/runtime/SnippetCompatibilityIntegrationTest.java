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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compatibility with the original serverless-secret-baker, both ways, against the emulator: a file written the
 * way the original plugin writes it ({@code JSON.stringify} in Node) decrypts with this library, and a file this
 * project writes decrypts with the Node (AWS SDK v3) and Python (boto3) snippets in {@code examples/snippets}.
 * The snippets' libraries are installed when missing; a test is skipped, saying why, only if that is impossible.
 */
class SnippetCompatibilityIntegrationTest {

    static final Path SNIPPETS = repositoryRoot().resolve("examples").resolve("snippets");
    private static final String UNICODE_VALUE = "p\u00e4ssw\u00f6rd \u2603 \ud83d\udd11";

    private static Emulator emulator;
    private static List<BakedSecret> secrets;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        String key = emulator.createKey();
        secrets = List.of(
                emulator.bake("MY_SECRET", "my-secret-value", key),
                emulator.bake("MY_OTHER_SECRET", UNICODE_VALUE, key),
                emulator.bake("CUSTOM_SECRET", "/a/custom/secret/path", "custom value", key,
                        software.amazon.awssdk.services.ssm.model.ParameterTier.STANDARD));
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
    void aFileWrittenAsTheOriginalPluginWritesIt_decryptsWithThisLibrary() throws Exception {
        requireNode();
        // The original plugin builds an object of {ciphertext, arn} per name and writes JSON.stringify(secrets).
        StringBuilder script = new StringBuilder("const secrets = {};\n");
        for (BakedSecret secret : secrets) {
            script.append("secrets[").append(jsString(secret.name())).append("] = {ciphertext: ")
                    .append(jsString(secret.ciphertext())).append(", arn: ").append(jsString(secret.arn())).append("};\n");
        }
        script.append("require('fs').writeFileSync(process.argv[1], JSON.stringify(secrets));\n");
        Path file = dir.resolve("secret-baker-secrets.json");
        Result written = run(List.of("node", "-e", script.toString(), file.toString()), dir, Map.of());
        assertThat(written.exitCode).as(written.both()).isZero();

        BakedSecretsClient client = Emulator.client(file, emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN))).build();

        assertThat(client.names()).containsExactly("MY_SECRET", "MY_OTHER_SECRET", "CUSTOM_SECRET");
        assertThat(client.get("MY_SECRET")).isEqualTo("my-secret-value");
        assertThat(client.get("MY_OTHER_SECRET")).isEqualTo(UNICODE_VALUE);
        assertThat(client.get("CUSTOM_SECRET")).isEqualTo("custom value");
    }

    @Test
    void aFileThisProjectWrites_decryptsWithTheNodeSnippetOncePerSecret() throws Exception {
        requireNode();
        requireNodeKmsClient();
        Emulator.writeFile(dir, secrets.toArray(BakedSecret[]::new));

        Result result = run(List.of("node", SNIPPETS.resolve("node").resolve("decrypt.js").toString(),
                "MY_SECRET", "MY_OTHER_SECRET", "CUSTOM_SECRET"), dir, lambdaEnvironment());

        assertThat(result.exitCode).as(result.both()).isZero();
        assertThat(result.output).isEqualTo("{\"MY_SECRET\":\"my-secret-value\",\"MY_OTHER_SECRET\":\"" + UNICODE_VALUE
                + "\",\"CUSTOM_SECRET\":\"custom value\"}");
        assertThat(emulator.decryptCalls()).isEqualTo(3); // each name was asked for twice
    }

    @Test
    void aFileThisProjectWrites_decryptsWithThePythonSnippetOncePerSecret() throws Exception {
        requireBoto3();
        Emulator.writeFile(dir, secrets.toArray(BakedSecret[]::new));

        Result result = run(List.of("python3", SNIPPETS.resolve("python").resolve("decrypt.py").toString(),
                "MY_SECRET", "MY_OTHER_SECRET", "CUSTOM_SECRET"), dir, lambdaEnvironment());

        assertThat(result.exitCode).as(result.both()).isZero();
        assertThat(result.output).contains("\"MY_SECRET\": \"my-secret-value\"")
                .contains("\"CUSTOM_SECRET\": \"custom value\"");
        assertThat(emulator.decryptCalls()).isEqualTo(3);
    }

    @Test
    void theSnippets_reportAnUnknownNameWithTheNamesPresent() throws Exception {
        requireBoto3();
        Emulator.writeFile(dir, secrets.toArray(BakedSecret[]::new));

        Result python = run(List.of("python3", SNIPPETS.resolve("python").resolve("decrypt.py").toString(), "NOPE"),
                dir, lambdaEnvironment());

        assertThat(python.exitCode).isEqualTo(1);
        assertThat(python.errors).contains("NOPE").contains("MY_SECRET, MY_OTHER_SECRET, CUSTOM_SECRET");
    }

    private Map<String, String> lambdaEnvironment() {
        Map<String, String> env = emulator.lambdaEnvironment(emulator.aws.principal(LocalAws.ADMIN));
        env.put("LAMBDA_TASK_ROOT", dir.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ in the source tree
        return env;
    }

    // ---------------------------------------------------------------------------------------------------------

    static void requireNode() throws Exception {
        Assumptions.assumeTrue(succeeds(List.of("node", "--version")),
                "node is not installed: install Node.js 18+ (.ci/install-prerequisites does) to run this test");
    }

    static void requireNodeKmsClient() throws Exception {
        Path nodeDir = SNIPPETS.resolve("node");
        if (Files.isDirectory(nodeDir.resolve("node_modules").resolve("@aws-sdk").resolve("client-kms"))) {
            return;
        }
        List<String> install = Files.exists(nodeDir.resolve("package-lock.json"))
                ? List.of("npm", "ci", "--no-audit", "--no-fund")
                : List.of("npm", "install", "--no-audit", "--no-fund");
        Result result = run(install, nodeDir, Map.of());
        Assumptions.assumeTrue(result.exitCode == 0, "@aws-sdk/client-kms could not be installed from npm ("
                + String.join(" ", install) + " in " + nodeDir + " failed): " + result.both());
    }

    static void requireBoto3() throws Exception {
        if (succeeds(List.of("python3", "-c", "import boto3"))) {
            return;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && (succeeds(List.of("apt-get", "install", "-y", "-qq", "python3-boto3"))
                || succeeds(List.of("apt-get", "update", "-qq")) && succeeds(List.of("apt-get", "install", "-y", "-qq", "python3-boto3")))) {
            return;
        }
        Assumptions.assumeTrue(succeeds(List.of("python3", "-c", "import boto3")),
                "python3 with boto3 is not available and could not be installed (apt-get install python3-boto3"
                        + (root ? " failed" : " needs root") + "); .ci/install-prerequisites installs it");
    }

    private static boolean succeeds(List<String> command) {
        try {
            return run(command, Path.of("."), Map.of()).exitCode == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The exit code, standard output, and standard error (for diagnostics only: SDKs print warnings there). */
    record Result(int exitCode, String output, String errors) {
        String both() {
            return output + errors;
        }
    }

    static Result run(List<String> command, Path workingDirectory, Map<String, String> env)
            throws IOException, InterruptedException {
        Path errors = Files.createTempFile("snippet-stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workingDirectory.toFile())
                .redirectError(errors.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("SECRET_BAKER"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "", "timed out");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static String jsString(String value) {
        return new String(new dev.secretbaker.format.internal.JsonWriter(value.length() + 2).string(value).toByteArray(),
                StandardCharsets.UTF_8);
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("runtime")) && Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        return here.getParent();
    }
}
