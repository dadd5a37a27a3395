package dev.secretbaker.maven;

import dev.secretbaker.core.SecretsFileOutput;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Removes the secrets file that {@code bake} wrote at {@code outputFile}: needed when it is baked outside the
 * build directory (e.g. beside serverless.yml), which {@code mvn clean} does not touch. A file at that path that
 * is not a secrets file is left in place and fails the goal, so a mistyped path never deletes anything else.
 */
@Mojo(name = "clean", defaultPhase = LifecyclePhase.CLEAN, threadSafe = true)
public class CleanMojo extends AbstractSecretBakerMojo<Path> {

    /** The secrets file to remove: the same as the {@code bake} goal's {@code outputFile}. */
    @Parameter(property = "secret-baker.outputFile", defaultValue = DEFAULT_OUTPUT_FILE, required = true)
    private File outputFile;

    @Override
    String goal() {
        return "clean";
    }

    /** The whole configuration is the file to remove. */
    @Override
    Path configuration() {
        return absolute(outputFile);
    }

    @Override
    void run(Path file) {
        if (SecretsFileOutput.delete(file)) {
            getLog().info("Removed the secrets file " + display(file) + ".");
        } else {
            getLog().info("No secrets file at " + display(file) + "; nothing to remove.");
        }
    }
}
