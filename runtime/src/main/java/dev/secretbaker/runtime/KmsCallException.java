package dev.secretbaker.runtime;

/**
 * One failed KMS call, before translation into the public exception types: the KMS error code
 * ({@code AccessDeniedException}, ...) with the HTTP status, or an I/O failure ({@link #IO_ERROR}). The message
 * is KMS's own, which names keys and principals but never data.
 */
final class KmsCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String IO_ERROR = "IOError";
    /** The endpoint's TLS certificate did not verify against the JVM's trusted roots. */
    public static final String UNTRUSTED_CERTIFICATE = "UntrustedCertificate";

    private final String errorCode;
    private final int httpStatus;
    private final String kmsMessage;
    private final int attempts;

    KmsCallException(String errorCode, int httpStatus, String kmsMessage, Throwable cause) {
        this(errorCode, httpStatus, kmsMessage, cause, 1);
    }

    /** {@code attempts}: how many tries the client already made, when it retries by itself (an SDK client). */
    KmsCallException(String errorCode, int httpStatus, String kmsMessage, Throwable cause, int attempts) {
        super(errorCode + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "")
                + (kmsMessage == null ? "" : ": " + kmsMessage), cause);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
        this.kmsMessage = kmsMessage;
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }

    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String kmsMessage() {
        return kmsMessage;
    }

    public boolean isThrottling() {
        return errorCode.equals("ThrottlingException") || errorCode.equals("Throttling")
                || errorCode.equals("TooManyRequestsException") || errorCode.equals("RequestLimitExceeded")
                || httpStatus == 429;
    }

    /** Throttling, a failure on KMS's side, or the network: worth another attempt. */
    public boolean isRetryable() {
        return isThrottling() || httpStatus >= 500 || errorCode.equals(IO_ERROR)
                || errorCode.equals("KMSInternalException") || errorCode.equals("DependencyTimeoutException");
    }
}
