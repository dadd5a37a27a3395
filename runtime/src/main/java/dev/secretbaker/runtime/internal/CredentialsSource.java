package dev.secretbaker.runtime.internal;

/** Where the signing credentials come from. */
public interface CredentialsSource {

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
