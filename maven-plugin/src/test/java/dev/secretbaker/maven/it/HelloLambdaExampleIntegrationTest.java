package dev.secretbaker.maven.it;

import static dev.secretbaker.maven.it.SecretBakerBuilds.asDeployer;
import static dev.secretbaker.maven.it.SecretBakerBuilds.assertNowhereIn;
import static dev.secretbaker.maven.it.SecretBakerBuilds.readFromJar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.local.AuditEvent;
import dev.secretbaker.local.LocalAws;
import dev.secretbaker.local.LocalAwsExtension;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Builds {@code examples/hello-lambda} as a user would ({@code mvn package}, the deployer's credentials, the
 * emulator as Parameter Store), then runs its real handler class from the shaded jar in this JVM, whose
 * environment the POM sets as Lambda would for the function's role: {@code AWS_ENDPOINT_URL} to the emulator
 * and the {@code function} principal's keys from the example's {@code local-seed.yaml}.
 */
class HelloLambdaExampleIntegrationTest {

    private static final int PORT = Integer.getInteger("it.emulatorPort");
    private static final Path EXAMPLE = Path.of(System.getProperty("it.example"));

    /** The seed the example's README starts the emulator with. */
    @RegisterExtension
    static LocalAwsExtension emulator = LocalAwsExtension.create(b -> b.seed(EXAMPLE.resolve("local-seed.yaml")).port(PORT));

    @Test
    void example_builtWithThePlugin_returnsTheDecryptedSecrets() throws Exception {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyFolder(EXAMPLE, "hello-lambda");

        BuildResult build = asDeployer(aws, project)
                .args("package", "-DsecretBaker.version=" + MavenBuild.PLUGIN_VERSION)
                .run();

        assertThat(build.succeeded()).as("%s", build).isTrue();
        Path jar = project.resolve("target/hello-lambda.jar");
        assertThat(readFromJar(jar).names()).containsExactly("GREETING", "API_KEY");
        assertNowhereIn(project, "Hello from the emulator");
        assertNowhereIn(project, "emulator-api-key-0001");
        aws.audit().clear();

        // As Lambda runs it: the jar alone on the class path, the handler's class loader as context loader.
        try (URLClassLoader function = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object first = invoke(function, Map.of("name", "Ada"));
            Object second = invoke(function, Map.of("name", "Grace"));

            String expected = "Hello from the emulator, Ada!";
            assertThat(first).isEqualTo(Map.of("message", expected, "signature", hmac(expected, "emulator-api-key-0001")));
            assertThat(second).extracting("message").isEqualTo("Hello from the emulator, Grace!");
        }
        // One Decrypt per secret for the container's life, by the function's role; none on the warm call.
        List<AuditEvent> calls = aws.audit().events();
        assertThat(calls).extracting(AuditEvent::principal, AuditEvent::operation, AuditEvent::outcome)
                .containsOnly(tuple("function", "Decrypt", AuditEvent.OK))
                .hasSize(2);
    }

    /**
     * What {@code sam build} does with a Maven project: {@code mvn clean install}, then
     * {@code dependency:copy-dependencies}, then the classes at the package's root and the jars in {@code lib/}.
     */
    @Test
    void example_builtAsSamBuildsIt_findsTheSecretsAtThePackageRoot() throws Exception {
        LocalAws aws = emulator.aws();
        Path project = MavenBuild.copyFolder(EXAMPLE, "hello-lambda-sam");
        String version = "-DsecretBaker.version=" + MavenBuild.PLUGIN_VERSION;

        BuildResult install = asDeployer(aws, project).args("clean", "install", "-DskipTests", version).run();
        assertThat(install.succeeded()).as("%s", install).isTrue();
        BuildResult dependencies = MavenBuild.in(project)
                .args("dependency:copy-dependencies", "-DincludeScope=runtime", "-Dmdep.prependGroupId=true", version)
                .run();
        assertThat(dependencies.succeeded()).as("%s", dependencies).isTrue();

        Path artifact = project.resolve("sam-artifact");
        copyTree(project.resolve("target/classes"), artifact);
        copyTree(project.resolve("target/dependency"), artifact.resolve("lib"));
        assertThat(artifact.resolve(SecretsFile.FILE_NAME)).exists();
        List<URL> classpath = new ArrayList<>();
        classpath.add(artifact.toUri().toURL());
        try (Stream<Path> jars = Files.list(artifact.resolve("lib"))) {
            for (Path jar : jars.sorted().toList()) {
                classpath.add(jar.toUri().toURL());
            }
        }
        aws.audit().clear();

        try (URLClassLoader function = new URLClassLoader(classpath.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThat(invoke(function, Map.of())).extracting("message").isEqualTo("Hello from the emulator, world!");
        }
        assertThat(aws.audit().events()).extracting(AuditEvent::principal, AuditEvent::operation)
                .containsOnly(tuple("function", "Decrypt"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static Object invoke(ClassLoader function, Map<String, Object> event) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(function);
        try {
            Class<?> handlerClass = function.loadClass("com.example.hello.HelloHandler");
            Class<?> contextType = function.loadClass("com.amazonaws.services.lambda.runtime.Context");
            Object context = Proxy.newProxyInstance(function, new Class<?>[] {contextType},
                    (proxy, method, args) -> defaultValue(method));
            Object handler = handlerClass.getConstructor().newInstance();
            Method handle = handlerClass.getMethod("handleRequest", Map.class, contextType);
            return handle.invoke(handler, event, context);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A Context that answers like an idle Lambda: names and ids as text, numbers as zero. */
    private static Object defaultValue(Method method) {
        Class<?> type = method.getReturnType();
        if (type == String.class) {
            return "hello-lambda-test";
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static String hmac(String message, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
