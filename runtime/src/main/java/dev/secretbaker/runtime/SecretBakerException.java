package dev.secretbaker.runtime;

/**
 * The one base type of every failure this library reports. Messages say what went wrong and how to fix it; no
 * message, field or {@code toString()} of any subclass ever contains a plaintext or a ciphertext.
 */
public class SecretBakerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * For this library's exceptions.
     *
     * @param message what went wrong and how to fix it
     */
    protected SecretBakerException(String message) {
        super(message);
    }

    /**
     * For this library's exceptions.
     *
     * @param message what went wrong and how to fix it
     * @param cause   the failure behind it, or {@code null}
     */
    protected SecretBakerException(String message, Throwable cause) {
        super(message, cause);
    }
}
