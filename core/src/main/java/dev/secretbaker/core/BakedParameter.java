package dev.secretbaker.core;

import java.util.Objects;
import java.util.Optional;

/**
 * What was baked for one secret, for summaries: no value and no ciphertext.
 *
 * @param secretName    the name in the secrets file
 * @param parameter     the parameter reference as configured (a name or ARN, maybe with a selector)
 * @param source        where it was configured
 * @param parameterName the parameter's name as Parameter Store reports it
 * @param arn           the parameter's ARN, written to the file and used as the KMS encryption context
 * @param version       the version that was baked
 * @param keyId         the KMS key the parameter is encrypted with, as Parameter Store reports it (an alias, key
 *                      id or ARN); null when Parameter Store does not describe the parameter to this account
 *                      (a parameter shared from another account)
 * @param tier          {@code Standard}, {@code Advanced} or {@code Intelligent-Tiering}; null as for keyId
 * @param latestVersion true when the baked version is the parameter's latest; key and tier are reported for the
 *                      latest version, so for a pinned older version they describe the latest one
 */
public record BakedParameter(
        String secretName,
        String parameter,
        String source,
        String parameterName,
        String arn,
        long version,
        String keyId,
        String tier,
        boolean latestVersion) {

    /**
     * Checks that the names and the ARN are present.
     *
     * @param secretName    the name in the secrets file
     * @param parameter     the parameter reference as configured
     * @param source        where it was configured
     * @param parameterName the parameter's name as Parameter Store reports it
     * @param arn           the parameter's ARN
     * @param version       the version that was baked
     * @param keyId         the KMS key the parameter is encrypted with, or null
     * @param tier          the parameter's tier, or null
     * @param latestVersion true when the baked version is the parameter's latest
     */
    public BakedParameter {
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(parameterName, "parameterName");
        Objects.requireNonNull(arn, "arn");
    }

    /** {@return the KMS key as Parameter Store reports it, empty when it does not describe the parameter} */
    public Optional<String> key() {
        return Optional.ofNullable(keyId);
    }

    /** {@return the parameter's tier, empty when Parameter Store does not describe the parameter} */
    public Optional<String> tierName() {
        return Optional.ofNullable(tier);
    }
}
