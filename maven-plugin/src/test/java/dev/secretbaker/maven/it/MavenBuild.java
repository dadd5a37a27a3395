package dev.secretbaker.maven.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Maven build of a small project, in a separate process, as a user runs it: the Maven that runs this
 * build, the plugin as {@code invoker:install} put it into the integration tests' local repository, and no AWS
 * configuration from the machine (only what a test gives).
 *
 * <p>Builds run offline against that repository, which also reads the outer build's local repository as a
 * {@code file:} repository; a build that still misses something is run once more online and its downloads are
 * kept for the next builds.
 */
public final class MavenBuild {

    private static final Path MAVEN_HOME = Path.of(required("maven.home"));
    private static final Path REPOSITORY = Path.of(required("it.repo"));
    private static final Path OUTER_REPOSITORY = Path.of(required("it.outerRepo"));
    private static final Path WORK = Path.of(required("it.workDirectory"));
    /** The plugin's version, filled in where test projects write {@code @project.version@}. */
    public static final String PLUGIN_VERSION = required("it.pluginVersion");
    private static final Path USER_SETTINGS = Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
    private static final long TIMEOUT_MINUTES = 5;

    private final Path project;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private MavenBuild(Path project) {
        this.project = project;
    }

    /** A fresh copy of {@code src/it/<name>} under {@code target/it/<copyName>}, the plugin version filled in. */
    public static Path copyTestProject(String name, String copyName) {
        return copy(Path.of(required("it.projects")).resolve(name), WORK.resolve(copyName), true);
    }

    /** A fresh copy of a folder (without its {@code target/}) under {@code target/it/<copyName>}, as it is. */
    public static Path copyFolder(Path source, String copyName) {
        return copy(source, WORK.resolve(copyName), false);
    }

    public static MavenBuild in(Path project) {
        return new MavenBuild(project);
    }

    /** Goals, phases and options, e.g. {@code package}, {@code -Dsecret-baker.skip}. */
    public MavenBuild args(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    /** An environment variable of the build's process. */
    public MavenBuild env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public BuildResult run() {
        BuildResult offline = execute(true);
        if (offline.exitCode() != 0 && offline.log().contains("in offline mode")) {
            return execute(false);
        }
        return offline;
    }

    private BuildResult execute(boolean offline) {
        List<String> command = new ArrayList<>();
        command.add(MAVEN_HOME.resolve("bin").resolve(isWindows() ? "mvn.cmd" : "mvn").toString());
        command.addAll(List.of("-B", "-ntp", "-nsu", "-s", settings().toString(),
                "-Dmaven.repo.local=" + REPOSITORY));
        if (Files.isRegularFile(USER_SETTINGS)) {
            // Keeps this machine's mirrors and proxies: Maven merges these settings under the test's own.
            command.addAll(List.of("-gs", USER_SETTINGS.toString()));
        }
        if (offline) {
            // Offline, yet the outer build's repository (a file: repository) may still be read.
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        command.addAll(arguments);
        Path log = project.resolve(offline ? "build.log" : "build-online.log");
        ProcessBuilder process = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = process.environment();
        // Nothing from this machine's AWS setup: each test states the credentials, region and endpoint it means.
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.equals("MAVEN_ARGS"));
        env.put("AWS_CONFIG_FILE", project.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", project.resolve("no-aws-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // Small and quick to start on a shared machine; keeps options (e.g. proxies) the machine already sets.
        env.merge("MAVEN_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1", (mine, ours) -> mine + " " + ours);
        env.putAll(environment);
        try {
            Process running = process.start();
            if (!running.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                running.destroyForcibly();
                throw new AssertionError("The build in " + project + " took over " + TIMEOUT_MINUTES + " minutes");
            }
            return new BuildResult(running.exitValue(), Files.readString(log, StandardCharsets.UTF_8), project);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the build in " + project, e);
        }
    }

    /** Settings that add the outer build's local repository as a repository, before Maven Central. */
    private static synchronized Path settings() {
        Path settings = WORK.resolve("settings.xml");
        if (Files.exists(settings)) {
            return settings;
        }
        String url = OUTER_REPOSITORY.toUri().toString();
        String repository = "<id>outer-local</id><url>" + url + "</url>"
                + "<releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>";
        String xml = """
                <settings>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository);
        try {
            Files.createDirectories(WORK);
            Files.writeString(settings, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    private static Path copy(Path source, Path target, boolean filter) {
        try {
            deleteRecursively(target);
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path relative = source.relativize(dir);
                    if (relative.toString().equals("target") || relative.toString().equals(".serverless")
                            || relative.toString().equals(".aws-sam")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(target.resolve(relative.toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (filter && file.getFileName().toString().equals("pom.xml")) {
                        Files.writeString(to, Files.readString(file).replace("@project.version@", PLUGIN_VERSION));
                    } else {
                        Files.copy(file, to);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the integration tests"
                    + " with ./mvnw verify, which sets it");
        }
        return value;
    }
}
