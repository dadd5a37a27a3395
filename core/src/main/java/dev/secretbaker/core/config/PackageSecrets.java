package dev.secretbaker.core.config;

import java.util.List;
import java.util.Objects;

/**
 * What one deployment package of a Serverless service holds: the secrets of the functions deployed from it
 * (see {@link ServiceSecrets#forPackage}), and the file that front ends name for it (the secrets file to write,
 * or the package to read).
 *
 * @param functions  the functions deployed from the package; empty for the service's secrets alone
 * @param file       the file the caller named for the package
 * @param secrets    what the package holds, in configuration order
 * @param sharedRole whether a function of the package runs with the role its functions share (the one the
 *                   Serverless Framework manages), whose policy must then cover the package
 */
public record PackageSecrets(List<String> functions, String file, List<SecretRequest> secrets, boolean sharedRole) {

    /**
     * Keeps copies of the lists.
     *
     * @param functions  the functions deployed from the package
     * @param file       the file the caller named for the package
     * @param secrets    what the package holds
     * @param sharedRole whether a function of the package runs with the shared role
     */
    public PackageSecrets {
        functions = List.copyOf(functions);
        Objects.requireNonNull(file, "file");
        secrets = List.copyOf(secrets);
    }

    /**
     * A package whose functions run with the shared role.
     *
     * @param functions the functions deployed from the package
     * @param file      the file the caller named for the package
     * @param secrets   what the package holds
     */
    public PackageSecrets(List<String> functions, String file, List<SecretRequest> secrets) {
        this(functions, file, secrets, true);
    }
}
