package dev.secretbaker.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI ({@code aws}, v1 or v2) against an emulator as one of its principals, with nothing from the
 * machine's AWS configuration: what a user does by hand between two steps, such as rotating a secret.
 */
public final class AwsCli {

    private static final long TIMEOUT_SECONDS = 120;

    private AwsCli() {
    }

    /** Whether {@code aws} is on the PATH. */
    public static boolean isInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "aws"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code aws <args> --endpoint-url <emulator>} as {@code principal} and returns its standard output.
     *
     * @throws IllegalStateException if the command fails or takes over two minutes, with its output
     */
    public static String run(LocalAws aws, LocalPrincipal principal, String... args) {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", aws.endpoint().toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", principal.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", principal.secretAccessKey());
        env.put("AWS_DEFAULT_REGION", aws.region());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PAGER", "");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("aws " + String.join(" ", args) + " took over " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("aws " + String.join(" ", args) + " exited with " + process.exitValue()
                        + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running aws", e);
        }
    }
}
