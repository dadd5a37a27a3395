package dev.secretbaker.runtime.internal;

import dev.secretbaker.runtime.CredentialsUnavailableException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/** Credentials from an SDK credentials provider (any {@code AwsCredentialsProvider} is one). */
public final class IdentityProviderCredentials implements CredentialsSource {

    private final IdentityProvider<? extends AwsCredentialsIdentity> provider;

    public IdentityProviderCredentials(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
        this.provider = provider;
    }

    @Override
    public AwsCredentialsIdentity resolve() {
        try {
            return provider.resolveIdentity().join();
        } catch (CompletionException | IllegalStateException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new CredentialsUnavailableException("The credentials provider " + provider.getClass().getSimpleName()
                    + " gave no credentials: " + cause.getMessage(), cause);
        } catch (RuntimeException e) {
            throw new CredentialsUnavailableException("The credentials provider " + provider.getClass().getSimpleName()
                    + " gave no credentials: " + e.getMessage(), e);
        }
    }
}
