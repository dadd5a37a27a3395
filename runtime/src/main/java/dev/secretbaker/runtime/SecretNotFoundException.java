package dev.secretbaker.runtime;

import java.util.List;

/** The secrets file has no entry of the asked name; {@link #availableNames()} lists the names it does have. */
public final class SecretNotFoundException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /** The name asked for. */
    private final String name;
    /** The names the file has. */
    private final List<String> availableNames;

    SecretNotFoundException(String name, String location, List<String> availableNames) {
        super("No secret named '" + name + "' in " + location + ". "
                + (availableNames.isEmpty() ? "The file has no secrets at all."
                        : "Secrets present: " + String.join(", ", availableNames) + ".")
                + " Add it to the secretBaker configuration and bake again, or fix the name.");
        this.name = name;
        this.availableNames = List.copyOf(availableNames);
    }

    /** {@return the name asked for} */
    public String name() {
        return name;
    }

    /** {@return the names the file has, in file order} */
    public List<String> availableNames() {
        return availableNames;
    }
}
