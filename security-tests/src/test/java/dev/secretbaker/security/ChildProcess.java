package dev.secretbaker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command in its own process with only the AWS settings given, its output captured in files. */
final class ChildProcess {

    record Result(List<String> command, int exitCode, String out, String err) {
    }

    private ChildProcess() {
    }

    /** The shaded CLI jar that the cli module builds. */
    static Path cliJar() {
        Path jar = Path.of(System.getProperty("secretbaker.cliJar", "../cli/target/secret-baker.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing; build it with ./mvnw -pl cli -am package");
        }
        return jar;
    }

    static Result cli(Path workDir, Map<String, String> awsEnvironment, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", cliJar().toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return run(workDir, awsEnvironment, name, command, 3);
    }

    static Result run(Path workDir, Map<String, String> awsEnvironment, String name, List<String> command,
            long timeoutMinutes) {
        Path out = workDir.resolve(name + ".stdout");
        Path err = workDir.resolve(name + ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_") || key.equals("MAVEN_ARGS"));
        env.put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.putAll(awsEnvironment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish in " + timeoutMinutes + " minutes: " + command);
            }
            return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + name, e);
        }
    }
}
