package dev.secretbaker.runtime;

/** The secrets file exists but cannot be read or is not a secrets file; the cause says where and why. */
public final class SecretsFileInvalidException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /** Where the file was found. */
    private final String location;

    SecretsFileInvalidException(String location, Throwable cause) {
        super("The secrets file at " + location + " cannot be used: " + cause.getMessage()
                + ". Bake it again (secret-baker bake, or the Maven plugin's secret-baker:bake goal) rather than editing it by hand.", cause);
        this.location = location;
    }

    /** {@return where the file was found} */
    public String location() {
        return location;
    }
}
