package dev.secretbaker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileLocatorTest {

    private static final String NAME = "secret-baker-secrets.json";

    @TempDir
    Path root;

    private final Map<String, String> env = new HashMap<>();

    private Path write(String folder, String secretName) throws Exception {
        Path dir = Files.createDirectories(root.resolve(folder));
        return Files.writeString(dir.resolve(NAME), "{\"" + secretName + "\":{\"ciphertext\":\"AQID\",\"arn\":"
                + "\"arn:aws:ssm:us-east-1:111122223333:parameter/" + secretName + "\"}}", StandardCharsets.UTF_8);
    }

    private SecretsFileLocator locator(Path explicit, ClassLoader loader) throws Exception {
        return new SecretsFileLocator(explicit, env::get, loader, Files.createDirectories(root.resolve("cwd")));
    }

    private ClassLoader classpath(String folder) throws Exception {
        return new URLClassLoader(new URL[] {Files.createDirectories(root.resolve(folder)).toUri().toURL()}, null);
    }

    @Test
    void eachPlace_winsOverTheOnesAfterIt() throws Exception {
        Path explicit = write("explicit", "EXPLICIT");
        env.put("SECRET_BAKER_FILE", write("variable", "VARIABLE").toString());
        write("task", "TASK");
        env.put("LAMBDA_TASK_ROOT", root.resolve("task").toString());
        write("classes", "CLASSPATH");
        write("cwd", "CWD");

        assertThat(locator(explicit, classpath("classes")).locate().file().names()).containsExactly("EXPLICIT");
        env.put("SECRET_BAKER_FILE", root.resolve("variable").resolve(NAME).toString());
        assertThat(locator(null, classpath("classes")).locate().file().names()).containsExactly("VARIABLE");
        env.remove("SECRET_BAKER_FILE");
        assertThat(locator(null, classpath("classes")).locate().file().names()).containsExactly("TASK");
        env.remove("LAMBDA_TASK_ROOT");
        SecretsFileLocator.Located fromClasspath = locator(null, classpath("classes")).locate();
        assertThat(fromClasspath.file().names()).containsExactly("CLASSPATH");
        assertThat(fromClasspath.location()).startsWith("file:");
        assertThat(locator(null, classpath("empty")).locate().file().names()).containsExactly("CWD");
    }

    @Test
    void aMissingExplicitFile_failsNamingOnlyThatFile_evenWhenOtherPlacesHoldOne() throws Exception {
        env.put("SECRET_BAKER_FILE", write("variable", "VARIABLE").toString());
        write("cwd", "CWD");
        write("classes", "CLASSPATH");

        SecretsFileNotFoundException e = catchThrowableOfType(SecretsFileNotFoundException.class,
                () -> locator(root.resolve("missing.json"), classpath("classes")).locate());

        assertThat(e.placesTried()).containsExactly("the configured file " + root.resolve("missing.json"));
    }

    @Test
    void anExplicitFolder_isAnInvalidFile_notASkippedPlace() throws Exception {
        env.put("SECRET_BAKER_FILE", write("variable", "VARIABLE").toString());

        SecretsFileInvalidException e = catchThrowableOfType(SecretsFileInvalidException.class,
                () -> locator(Files.createDirectories(root.resolve("a-folder")), classpath("empty")).locate());

        assertThat(e.getMessage()).contains("is a folder, not a regular file");
    }

    @Test
    void aSparseFileOfThreeGigabytes_isRefusedBeforeItIsRead() throws Exception {
        Path sparse = root.resolve("sparse.json");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(3L << 30);
        }

        SecretsFileInvalidException e = catchThrowableOfType(SecretsFileInvalidException.class,
                () -> locator(sparse, classpath("empty")).locate());

        assertThat(e.getMessage()).contains("3221225472 bytes long", "at most");
    }

    @Test
    void devZeroAsTheFile_isRefusedAsNotARegularFile() throws Exception {
        org.assertj.core.api.Assumptions.assumeThat(Path.of("/dev/zero")).exists();
        env.put("SECRET_BAKER_FILE", "/dev/zero");

        SecretsFileInvalidException e = catchThrowableOfType(SecretsFileInvalidException.class,
                () -> locator(null, classpath("empty")).locate());

        assertThat(e.getMessage()).contains("/dev/zero is a device, a pipe or a socket, not a regular file");
    }

    @Test
    void noFileAnywhere_listsEveryPlaceTriedInOrder() throws Exception {
        env.put("SECRET_BAKER_FILE", root.resolve("var.json").toString());
        env.put("LAMBDA_TASK_ROOT", root.resolve("task").toString());

        SecretsFileNotFoundException e = catchThrowableOfType(SecretsFileNotFoundException.class,
                () -> locator(null, classpath("empty")).locate());

        assertThat(e.placesTried()).containsExactly(
                "SECRET_BAKER_FILE=" + root.resolve("var.json"),
                "$LAMBDA_TASK_ROOT/" + root.resolve("task").resolve(NAME),
                "classpath:/" + NAME,
                "working directory " + root.resolve("cwd").resolve(NAME));
        assertThat(e.getMessage()).contains(String.join("; ", e.placesTried()));
    }

    @Test
    void unsetVariables_areListedAsNotSet() throws Exception {
        SecretsFileNotFoundException e = catchThrowableOfType(SecretsFileNotFoundException.class,
                () -> locator(null, classpath("empty")).locate());

        assertThat(e.placesTried()).contains("SECRET_BAKER_FILE (not set)",
                "$LAMBDA_TASK_ROOT/" + NAME + " (LAMBDA_TASK_ROOT not set)");
    }

    @Test
    void aMalformedFile_isInvalidAndNamesTheFileButNoContent() throws Exception {
        Path file = Files.writeString(root.resolve(NAME), "{\"A\":{\"ciphertext\":\"SECRETISH\"}}");

        SecretsFileInvalidException e = catchThrowableOfType(SecretsFileInvalidException.class,
                () -> locator(file, null).locate());

        assertThat(e.location()).isEqualTo(file.toString());
        assertThat(e.getMessage()).contains(file.toString()).doesNotContain("SECRETISH");
    }
}
