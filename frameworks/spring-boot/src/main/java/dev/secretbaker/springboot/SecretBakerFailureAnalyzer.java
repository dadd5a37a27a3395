package dev.secretbaker.springboot;

import dev.secretbaker.runtime.KmsAccessDeniedException;
import dev.secretbaker.runtime.SecretBakerException;
import dev.secretbaker.runtime.SecretDecryptionException;
import dev.secretbaker.runtime.SecretNotFoundException;
import dev.secretbaker.runtime.SecretsFileInvalidException;
import dev.secretbaker.runtime.SecretsFileNotFoundException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start that failed on a baked secret the way Spring Boot reports its own failures: what went wrong
 * (the runtime library's message, which names the secret and never holds a value) and what to do.
 */
public final class SecretBakerFailureAnalyzer extends AbstractFailureAnalyzer<SecretBakerException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SecretBakerException cause) {
        return new FailureAnalysis(cause.getMessage(), action(cause), cause);
    }

    private static String action(SecretBakerException cause) {
        if (cause instanceof SecretsFileNotFoundException) {
            return "Bake secret-baker-secrets.json into the package (the Maven plugin's bake goal puts it in the jar),"
                    + " or import it as optional:secret-baker: if the application can start without it.";
        }
        if (cause instanceof SecretsFileInvalidException) {
            return "Bake the secrets file again rather than editing it.";
        }
        if (cause instanceof SecretNotFoundException) {
            return "Add the secret to the secretBaker configuration and bake again, or correct the property name"
                    + " (a property is named after the secret, after the import's prefix if it has one).";
        }
        if (cause instanceof KmsAccessDeniedException denied) {
            return "Allow the function's role kms:Decrypt on the key: " + denied.iamStatement();
        }
        if (cause instanceof SecretDecryptionException) {
            return "Follow the advice above; the secret's value is never shown.";
        }
        return "See the message above.";
    }
}
