package dev.secretbaker.runtime;

/** No AWS credentials to sign the KMS request with; the message lists the sources looked at. */
public final class CredentialsUnavailableException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /**
     * Created by this library when no credentials could be found or read.
     *
     * @param message what was tried and how to fix it
     * @param cause   the failure behind it
     */
    public CredentialsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
