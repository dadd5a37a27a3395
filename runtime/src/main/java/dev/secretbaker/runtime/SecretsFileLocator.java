package dev.secretbaker.runtime;

import dev.secretbaker.format.BoundedFileReader;
import dev.secretbaker.format.SecretsFile;
import dev.secretbaker.format.SecretsFileFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and reads the secrets file: an explicit path alone when one is given; otherwise {@code SECRET_BAKER_FILE},
 * then {@code $LAMBDA_TASK_ROOT/secret-baker-secrets.json}, then the classpath root, then the working directory.
 */
final class SecretsFileLocator {

    public static final String FILE_VARIABLE = "SECRET_BAKER_FILE";

    private final Path explicitPath;
    private final Environment env;
    private final ClassLoader classLoader;
    private final Path workingDirectory;

    public SecretsFileLocator(Path explicitPath, Environment env, ClassLoader classLoader, Path workingDirectory) {
        this.explicitPath = explicitPath;
        this.env = env;
        this.classLoader = classLoader;
        this.workingDirectory = workingDirectory;
    }

    public static SecretsFileLocator standard(Path explicitPath, Environment env) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new SecretsFileLocator(explicitPath, env,
                loader != null ? loader : SecretsFileLocator.class.getClassLoader(), Path.of("").toAbsolutePath());
    }

    /** The file that was found and read. */
    public record Located(String location, SecretsFile file) {
    }

    public Located locate() {
        List<String> tried = new ArrayList<>(5);
        if (explicitPath != null) {
            // A file the user named is the only file used: falling back would decrypt secrets from another file.
            Located found = readPath(explicitPath, "the configured file ", tried);
            if (found == null) {
                throw new SecretsFileNotFoundException(tried);
            }
            return found;
        }
        String fromVariable = env.nonEmpty(FILE_VARIABLE);
        if (fromVariable != null) {
            Located found = readPath(Path.of(fromVariable), FILE_VARIABLE + "=", tried);
            if (found != null) {
                return found;
            }
        } else {
            tried.add(FILE_VARIABLE + " (not set)");
        }
        String taskRoot = env.nonEmpty("LAMBDA_TASK_ROOT");
        if (taskRoot != null) {
            Located found = readPath(Path.of(taskRoot, SecretsFile.FILE_NAME), "$LAMBDA_TASK_ROOT/", tried);
            if (found != null) {
                return found;
            }
        } else {
            tried.add("$LAMBDA_TASK_ROOT/" + SecretsFile.FILE_NAME + " (LAMBDA_TASK_ROOT not set)");
        }
        if (classLoader != null) {
            URL resource = classLoader.getResource(SecretsFile.FILE_NAME);
            if (resource != null) {
                return new Located(resource.toString(), readResource(resource));
            }
            tried.add("classpath:/" + SecretsFile.FILE_NAME);
        }
        Located found = readPath(workingDirectory.resolve(SecretsFile.FILE_NAME), "working directory ", tried);
        if (found != null) {
            return found;
        }
        throw new SecretsFileNotFoundException(tried);
    }

    private static Located readPath(Path path, String label, List<String> tried) {
        byte[] bytes;
        try {
            bytes = BoundedFileReader.read(path, SecretsFile.MAX_BYTES);
        } catch (NoSuchFileException e) {
            tried.add(label + path);
            return null;
        } catch (BoundedFileReader.NotRegularFileException e) {
            if (Files.isDirectory(path) && !label.startsWith("the configured")) {
                tried.add(label + path + " (a directory)");
                return null;
            }
            throw new SecretsFileInvalidException(path.toString(), e);
        } catch (IOException e) {
            throw new SecretsFileInvalidException(path.toString(), e);
        }
        return new Located(path.toString(), parse(bytes, path.toString()));
    }

    private static SecretsFile readResource(URL resource) {
        try (InputStream in = resource.openStream()) {
            return parse(BoundedFileReader.read(in, SecretsFile.MAX_BYTES, resource.toString()), resource.toString());
        } catch (IOException e) {
            throw new SecretsFileInvalidException(resource.toString(), e);
        }
    }

    private static SecretsFile parse(byte[] bytes, String location) {
        try {
            return SecretsFile.read(bytes);
        } catch (SecretsFileFormatException e) {
            throw new SecretsFileInvalidException(location, e);
        }
    }
}
