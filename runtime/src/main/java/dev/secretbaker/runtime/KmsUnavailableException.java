package dev.secretbaker.runtime;

/** KMS could not be reached, or kept failing on its side (HTTP 5xx), until the retries ran out. */
public final class KmsUnavailableException extends SecretDecryptionException {

    private static final long serialVersionUID = 1L;

    /** How many calls failed. */
    private final int attempts;

    KmsUnavailableException(String secretName, String parameterArn, String errorCode, String endpoint,
            int attempts, String detail, Throwable cause) {
        super(secretName, parameterArn, errorCode,
                "KMS at " + endpoint + " failed " + attempts + " times decrypting secret '" + secretName + "' ("
                        + detail + "). Check the function's network path to KMS (a VPC needs a KMS endpoint or a NAT"
                        + " gateway) and AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL if set.",
                cause);
        this.attempts = attempts;
    }

    /** {@return how many calls failed} */
    public int attempts() {
        return attempts;
    }
}
