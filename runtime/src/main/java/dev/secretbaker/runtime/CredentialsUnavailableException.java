package dev.secretbaker.runtime;

/** No AWS credentials to sign the KMS request with; the message lists the sources looked at. */
public final class CredentialsUnavailableException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
