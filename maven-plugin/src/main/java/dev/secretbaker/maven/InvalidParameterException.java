package dev.secretbaker.maven;

/** A plugin parameter that cannot be used as given; the message names it and says what it should be. */
final class InvalidParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvalidParameterException(String message) {
        super(message);
    }

    InvalidParameterException(String message, Throwable cause) {
        super(message, cause);
    }
}
