package dev.secretbaker.core;

/**
 * A setting that cannot be used, such as an endpoint URL that is not one. {@link #setting()} names it as the
 * user wrote it ({@code --endpoint-url}, {@code <endpointUrl>}, {@code AWS_ENDPOINT_URL}); the message says what is
 * wrong and what a valid value looks like.
 */
public final class InvalidSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting, in the words of the front end that read it. */
    public String setting() {
        return setting;
    }
}
