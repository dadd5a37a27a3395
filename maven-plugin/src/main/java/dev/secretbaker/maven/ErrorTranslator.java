package dev.secretbaker.maven;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
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
 * {@link MojoFailureException} with that whole message, locations reworded in the POM's or serverless.yml's own
 * terms. Anything else is unexpected and becomes a {@link MojoExecutionException} with its cause.
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
        UnaryOperator<String> reword = source == null ? UnaryOperator.identity() : source::reword;
        if (failure instanceof BakeException bake) {
            throw new MojoFailureException(reword(bake, locate, reword));
        }
        if (failure instanceof ConfigurationException configuration) {
            throw new MojoFailureException("Invalid secret-baker configuration: "
                    + locate.apply(configuration.location()) + ": " + reword.apply(configuration.problem()));
        }
        if (failure instanceof OutputFileException || failure instanceof InvalidParameterException
                || failure instanceof StatusException || failure instanceof StatusMojo.StatusFailure) {
            throw new MojoFailureException(failure.getMessage());
        }
        throw new MojoExecutionException("secret-baker failed unexpectedly: " + failure, failure);
    }

    /** Core's message, rebuilt with each problem's locations in the build's own terms. */
    private static String reword(BakeException bake, UnaryOperator<String> locate, UnaryOperator<String> reword) {
        List<BakeProblem> reworded = bake.problems().stream()
                .map(p -> new BakeProblem(p.secretName(), p.parameter(), locate.apply(p.source()),
                        reword.apply(p.reason()), reword.apply(p.fix())))
                .toList();
        return new BakeException(reworded).getMessage();
    }
}
