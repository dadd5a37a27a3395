package dev.secretbaker.core.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One secret's state. Holds names, ARNs and version numbers only: never a value or a ciphertext.
 *
 * @param name           the secret's name in the secrets file (or in the configuration, for one not baked)
 * @param arn            the baked parameter ARN; null for a configured secret that was not baked
 * @param pin            the configured selector (a version number or a label) when the secret is pinned, else null
 * @param bakedVersion   the version the baked ciphertext belongs to, when it could be told, else null
 * @param latestVersion  the parameter's latest version, when read, else null
 * @param lastModified   when the latest version was written, when Parameter Store said, else null
 * @param newerVersion   for a pinned secret, whether a version newer than the baked one exists; else null
 * @param reason         why the state is what it is, in a sentence; null when the versions say it all
 */
public record SecretStatus(String name, SecretState state, String arn, String pin, Long bakedVersion,
        Long latestVersion, Instant lastModified, Boolean newerVersion, String reason) {

    /**
     * Checks that the name and the state are present.
     *
     * @param name           the secret's name in the file
     * @param state          what a redeploy would change
     * @param arn            the baked parameter ARN, or null
     * @param pin            the configured version or label, or null
     * @param bakedVersion   the baked version, or null
     * @param latestVersion  the parameter's latest version, or null
     * @param lastModified   when the latest version was written, or null
     * @param newerVersion   for a pinned secret, whether a newer version exists; else null
     * @param reason         why the state is what it is, or null
     */
    public SecretStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /** {@return the parameter name the ARN names (without the leading slash that ARNs drop), or null} */
    public String parameterName() {
        return ParameterArn.nameIn(arn);
    }
}
