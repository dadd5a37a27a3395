package dev.secretbaker.runtime;

import java.util.concurrent.CompletionException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;

/**
 * Credentials from an SDK credentials provider (any {@code AwsCredentialsProvider} is one). Loaded only when a
 * user passes one, so {@code identity-spi} is needed only then.
 */
final class IdentityProviderCredentials implements CredentialsSource {

    private final IdentityProvider<? extends AwsCredentialsIdentity> provider;

    public IdentityProviderCredentials(IdentityProvider<? extends AwsCredentialsIdentity> provider) {
        this.provider = provider;
    }

    @Override
    public AwsCredentials resolve() {
        AwsCredentialsIdentity identity;
        try {
            identity = provider.resolveIdentity().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CredentialsUnavailableException("The credentials provider " + provider.getClass().getSimpleName()
                    + " gave no credentials: " + cause.getMessage(), cause);
        } catch (RuntimeException e) {
            throw new CredentialsUnavailableException("The credentials provider " + provider.getClass().getSimpleName()
                    + " gave no credentials: " + e.getMessage(), e);
        }
        String sessionToken = identity instanceof AwsSessionCredentialsIdentity session ? session.sessionToken() : null;
        return new AwsCredentials(identity.accessKeyId(), identity.secretAccessKey(), sessionToken);
    }
}
