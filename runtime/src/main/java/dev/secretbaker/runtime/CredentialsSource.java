package dev.secretbaker.runtime;

/** Where the signing credentials come from. */
interface CredentialsSource {

    /**
     * Current credentials.
     *
     * @throws dev.secretbaker.runtime.CredentialsUnavailableException when there are none
     */
    AwsCredentials resolve();
}
