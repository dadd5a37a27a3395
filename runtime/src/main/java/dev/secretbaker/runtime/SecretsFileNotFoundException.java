package dev.secretbaker.runtime;

import java.util.List;

/** No secrets file in any of the places looked at; {@link #placesTried()} lists them in the order tried. */
public final class SecretsFileNotFoundException extends SecretBakerException {

    private static final long serialVersionUID = 1L;

    /** The places looked in, in order. */
    private final List<String> placesTried;

    SecretsFileNotFoundException(List<String> placesTried) {
        super("secret-baker-secrets.json was not found. Places tried, in order: " + String.join("; ", placesTried)
                + ". Bake the file into the deployment package (secret-baker bake, or the Maven plugin's"
                + " secret-baker:bake goal), or point SECRET_BAKER_FILE"
                + " or BakedSecrets.builder().file(...) at it.");
        this.placesTried = List.copyOf(placesTried);
    }

    /** {@return the places looked in, in order} */
    public List<String> placesTried() {
        return placesTried;
    }
}
