package dev.secretbaker.runtime;

/** Where the signing credentials come from. */
interface CredentialsSource {

    /**
     * Current credentials.
     *
     * @throws dev.secretbaker.runtime.CredentialsUnavailableException when there are none
     */
    AwsCredentials resolve();

    /** Forgets credentials kept from an earlier {@link #resolve()}, so that the next one fetches afresh. */
    default void forget() {
    }
}
