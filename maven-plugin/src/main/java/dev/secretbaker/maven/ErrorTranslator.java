package dev.secretbaker.maven;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.InvalidSettingException;
import dev.secretbaker.core.OutputFileException;
import dev.secretbaker.core.config.ConfigurationException;
import dev.secretbaker.core.status.StatusException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where failures become what a Maven user reads. Core's exceptions carry messages written for
 * users (what went wrong and how to fix it, never a secret value); they fail the build as a
 * {@link MojoFailureException} with that whole message, already in the POM's or serverless.yml's terms. Anything
 * else is unexpected and becomes a {@link MojoExecutionException} with its cause.
 */
final class ErrorTranslator {

    private ErrorTranslator() {
    }

    /**
     * Always throws: the failure as Maven reports it. User-facing failures carry no cause: Maven would append
     * the cause's message, which says the same thing in core's terms.
     *
     * @param source where the secrets were configured, to word locations as there; null for goals without secrets
     */
    static void rethrow(RuntimeException failure, SecretsSource source)
            throws MojoExecutionException, MojoFailureException {
        UnaryOperator<String> locate = source == null ? UnaryOperator.identity() : source::locate;
        if (failure instanceof BakeException bake) {
            throw new MojoFailureException(locate(bake, locate));
        }
        if (failure instanceof ConfigurationException configuration) {
            throw new MojoFailureException("Invalid secret-baker configuration: "
                    + locate.apply(configuration.location()) + ": " + configuration.problem());
        }
        if (failure instanceof OutputFileException || failure instanceof InvalidParameterException
                || failure instanceof InvalidSettingException || failure instanceof StatusException
                || failure instanceof StatusMojo.StatusFailure) {
            throw new MojoFailureException(failure.getMessage());
        }
        throw new MojoExecutionException("secret-baker failed unexpectedly: " + failure, failure);
    }

    /** Core's message, rebuilt with each problem's location naming the file it is in. */
    private static String locate(BakeException bake, UnaryOperator<String> locate) {
        List<BakeProblem> located = bake.problems().stream()
                .map(p -> new BakeProblem(p.secretName(), p.parameter(), locate.apply(p.source()), p.reason(), p.fix()))
                .toList();
        return new BakeException(located).getMessage();
    }
}
