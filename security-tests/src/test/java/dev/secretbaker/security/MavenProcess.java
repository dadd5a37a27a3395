package dev.secretbaker.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Maven build, in its own process, of a test project copied from {@code src/test/projects}: the Maven that
 * runs this build, the plugin from the repository invoker:install filled ({@code target/it-repo}), and the outer
 * build's local repository readable as a {@code file:} repository for everything else, offline.
 */
final class MavenProcess {

    private MavenProcess() {
    }

    /** A copy of {@code src/test/projects/<name>} in {@code into}, the plugin version filled into its POM. */
    static Path copyProject(String name, Path into) {
        Path source = Path.of(property("it.projects")).resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = into.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (file.getFileName().toString().equals("pom.xml")) {
                    Files.writeString(target, Files.readString(file).replace("@project.version@", property("it.pluginVersion")));
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /** Runs {@code mvn <args>} in {@code project}; stdout and stderr land in {@code <project>/<name>.stdout|stderr}. */
    static ChildProcess.Result run(Path project, Map<String, String> awsEnvironment, String name, String... args) {
        ChildProcess.Result offline = run(project, awsEnvironment, name, true, args);
        if (offline.exitCode() != 0 && (offline.out() + offline.err()).contains("in offline mode")) {
            // A machine whose local repository lacks a plugin the test project needs: fetch it once.
            return run(project, awsEnvironment, name + "-online", false, args);
        }
        return offline;
    }

    private static ChildProcess.Result run(Path project, Map<String, String> awsEnvironment, String name,
            boolean offline, String... args) {
        Path mavenHome = Path.of(property("maven.home"));
        List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B", "-ntp", "-nsu",
                "-s", settings(project).toString(), "-Dmaven.repo.local=" + property("it.repo")));
        if (offline) {
            command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
        }
        Path userSettings = Path.of(System.getProperty("user.home"), ".m2", "settings.xml");
        if (Files.isRegularFile(userSettings)) {
            command.addAll(List.of("-gs", userSettings.toString()));
        }
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(awsEnvironment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MAVEN_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        return ChildProcess.run(project, env, name, command, 5);
    }

    /** Settings that read the outer build's local repository as a repository. */
    private static Path settings(Path project) {
        String repository = "<id>outer-local</id><url>" + Path.of(property("it.outerRepo")).toUri()
                + "</url><snapshots><enabled>false</enabled></snapshots>";
        String xml = "<settings><profiles><profile><id>outer</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>outer</activeProfile></activeProfiles></settings>";
        try {
            Path settings = project.getParent().resolve("canary-settings.xml");
            Files.writeString(settings, xml, StandardCharsets.UTF_8);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run with ./mvnw -pl security-tests verify");
        }
        return value;
    }
}
