package dev.secretbaker.runtime.internal;

/** Where the signing credentials come from. */
public interface CredentialsSource {

    /**
     * Current credentials.
     *
     * @throws dev.secretbaker.runtime.CredentialsUnavailableException when there are none
     */
    AwsCredentials resolve();
}
