package dev.secretbaker.runtime;

import dev.secretbaker.format.PrintableText;

/**
 * The one base type of every failure this library reports. Messages say what went wrong and how to fix it; no
 * message, field or {@code toString()} of any subclass ever contains a plaintext or a ciphertext.
 */
public class SecretBakerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SecretBakerException(String message) {
        // Names and ARNs in messages come from the secrets file: escaped, they cannot rewrite a terminal or a log.
        super(PrintableText.escape(message));
    }

    SecretBakerException(String message, Throwable cause) {
        super(PrintableText.escape(message), cause);
    }
}
