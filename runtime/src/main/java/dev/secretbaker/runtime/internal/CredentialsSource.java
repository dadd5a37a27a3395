package dev.secretbaker.runtime.internal;

import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Where the signing credentials come from. */
public interface CredentialsSource {

    /**
     * Current credentials.
     *
     * @throws dev.secretbaker.runtime.CredentialsUnavailableException when there are none
     */
    AwsCredentialsIdentity resolve();
}
