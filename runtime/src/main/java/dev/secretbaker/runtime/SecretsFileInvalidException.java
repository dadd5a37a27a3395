package dev.secretbaker.runtime;

/** The secrets file exists but cannot be read or is not a secrets file; the cause says where and why. */
public final class SecretsFileInvalidException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /** Where the file was found. */
    private final String location;

    /**
     * Created by this library when the secrets file is not a valid secrets file.
     *
     * @param location where the file was found
     * @param cause    what is wrong with it
     */
    public SecretsFileInvalidException(String location, Throwable cause) {
        super("The secrets file at " + location + " cannot be used: " + cause.getMessage()
                + ". Bake it again (secret-baker bake, or the Maven plugin's secret-baker:bake goal) rather than editing it by hand.", cause);
        this.location = location;
    }

    /** {@return where the file was found} */
    public String location() {
        return location;
    }
}
