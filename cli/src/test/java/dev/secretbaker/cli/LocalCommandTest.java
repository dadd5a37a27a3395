package dev.secretbaker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LocalCommandTest {

    @Test
    void local_printsEvalableExportsForTheSeedsFirstPrincipal_commentsForTheOthers_andServesUntilStopped()
            throws Exception {
        CommandLine commandLine = SecretBakerCommand.newCommandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        Path seed = Path.of("..", "examples", "local-seed.yaml");

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("local", "--seed",
                seed.toString(), "--tps-limit", "GetParameters=40", "--latency", "0"));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!out.toString().contains("# principal function") && Instant.now().isBefore(deadline)
                && !exit.isDone()) {
            Thread.sleep(50);
        }

        String printed = out.toString();
        assertThat(printed.lines()).startsWith(
                        "export AWS_ENDPOINT_URL='" + printed.lines().findFirst().orElseThrow()
                                .replaceAll("^export AWS_ENDPOINT_URL='(.*)'$", "$1") + "'")
                .contains("export AWS_REGION='us-east-1'",
                        "export AWS_ACCESS_KEY_ID='AKIALOCALADMIN000001'",
                        "export AWS_SECRET_ACCESS_KEY='local-admin-secret-key-not-for-aws-use-0'",
                        "# principal deployer: AWS_ACCESS_KEY_ID=AKIALOCALDEPLOYER001"
                                + " AWS_SECRET_ACCESS_KEY=local-deployer-secret-key-not-for-aws-00");
        URI endpoint = URI.create(printed.lines().findFirst().orElseThrow()
                .replaceAll("^export AWS_ENDPOINT_URL='(.*)'$", "$1"));
        HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
        connection.setReadTimeout(10_000);
        assertThat(connection.getResponseCode()).isEqualTo(400);

        LocalCommand command = commandLine.getSubcommands().get("local").getCommand();
        command.stop();
        assertThat(exit.get(1, TimeUnit.MINUTES)).isZero();
    }

    @Test
    void localWithTls_exportsAnHttpsEndpointAndTheCaBundle_andSaysHowAJvmTrustsIt(@TempDir Path dir) throws Exception {
        CommandLine commandLine = SecretBakerCommand.newCommandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        Path state = dir.resolve("state.json");

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine.execute("local", "--tls",
                "--state", state.toString()));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!out.toString().contains("AWS_SECRET_ACCESS_KEY") && Instant.now().isBefore(deadline) && !exit.isDone()) {
            Thread.sleep(50);
        }

        String printed = out.toString();
        Path caBundle = dir.resolve("state-ca.pem").toAbsolutePath();
        Path trustStore = dir.resolve("state-truststore.jks").toAbsolutePath();
        assertThat(printed.lines().findFirst().orElseThrow()).matches("export AWS_ENDPOINT_URL='https://127\\.0\\.0\\.1:\\d+'");
        assertThat(printed.lines()).contains("export AWS_CA_BUNDLE='" + caBundle + "'",
                "export NODE_EXTRA_CA_CERTS='" + caBundle + "'",
                "# JVM (the emulator's CA and the JDK's): JAVA_TOOL_OPTIONS='-Djavax.net.ssl.trustStore=" + trustStore
                        + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=JKS'");
        assertThat(caBundle).exists();
        assertThat(trustStore).exists();

        LocalCommand command = commandLine.getSubcommands().get("local").getCommand();
        command.stop();
        assertThat(exit.get(1, TimeUnit.MINUTES)).isZero();
    }

    @Test
    void quote_makesAnyValueOneShellWord() {
        assertThat(LocalCommand.quote("a'b c")).isEqualTo("'a'\\''b c'");
    }

    @Test
    void aRateOutsideZeroToOne_isAUsageError() {
        CommandLine commandLine = SecretBakerCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));

        assertThat(commandLine.execute("local", "--throttle-rate", "2")).isEqualTo(SecretBakerCommand.EXIT_USAGE);
    }
}
