package dev.secretbaker.maven;

import dev.secretbaker.format.SecretsFile;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What every goal shares: {@code skip}, the project's folders, and the shape of {@link #execute()}: read the
 * parameters into a plain configuration object ({@code C}), call core once with it, and hand any failure to
 * {@link ErrorTranslator}, the one place where failures are worded for Maven.
 *
 * @param <C> the goal's configuration, free of Maven types
 */
abstract class AbstractSecretBakerMojo<C> extends AbstractMojo {

    /** Skips the goal; the build log says it was skipped and why. */
    @Parameter(property = "secret-baker.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDirectory;

    /** Null when a goal runs without a project ({@code requiresProject = false}): then the current folder. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true)
    private File basedir;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        C configuration = null;
        try {
            if (skip) {
                getLog().info("Skipping secret-baker:" + goal() + " because secret-baker.skip is true: " + skip()
                        + ".");
                return;
            }
            configuration = configuration();
            run(configuration);
        } catch (RuntimeException e) {
            ErrorTranslator.rethrow(e, configuration == null ? null : secretsOf(configuration));
        }
    }

    /** What a skipped goal does instead, for the log line; by default nothing. */
    String skip() {
        return "nothing was baked, checked or removed";
    }

    /** The goal's name, for log lines. */
    abstract String goal();

    /** The parameters as the goal's configuration; an unusable one is an {@link InvalidParameterException}. */
    abstract C configuration();

    /** Calls core with the configuration and reports the outcome; failures are left to {@link #execute()}. */
    abstract void run(C configuration);

    /** Where the configuration's secrets come from, to word failures in its terms; null when it has none. */
    SecretsSource secretsOf(C configuration) {
        return null;
    }

    /** The same default for every goal that writes or removes the file, so that {@code clean} finds it. */
    static final String DEFAULT_OUTPUT_FILE = "${project.build.outputDirectory}/" + SecretsFile.FILE_NAME;

    static Path absolute(File file) {
        return file.toPath().toAbsolutePath().normalize();
    }

    Path basedir() {
        return basedir == null ? Path.of("").toAbsolutePath() : basedir.toPath();
    }

    /** True when {@code mvn clean} removes the file anyway. */
    boolean isInsideBuildDirectory(Path file) {
        return file.startsWith(buildDirectory.toPath().toAbsolutePath().normalize());
    }

    /** The path relative to the project, for short log lines. */
    String display(Path file) {
        Path base = basedir().toAbsolutePath().normalize();
        return file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    }

    /** Core's sentences start in lower case, to be embedded; a log line starts with a capital. */
    static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
