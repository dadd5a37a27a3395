package dev.secretbaker.local.internal.protocol;

/**
 * An error answered to the client in AWS's JSON 1.1 error shape: {@code {"__type": code, "message": message}}
 * with the given HTTP status. The one exception type every service model throws; the wire layer serialises it.
 */
public class AwsServiceException extends RuntimeException {
    private final String errorCode;
    private final int httpStatus;

    public AwsServiceException(String errorCode, int httpStatus, String message) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public static AwsServiceException validation(String message) {
        return new AwsServiceException("ValidationException", 400, message);
    }

    public static AwsServiceException accessDenied(String message) {
        return new AwsServiceException("AccessDeniedException", 400, message);
    }

    public static AwsServiceException internal(String message) {
        return new AwsServiceException("InternalServerError", 500, message);
    }

    /** A request body that is not JSON, or a member of the wrong JSON type. */
    public static AwsServiceException serialization(String message) {
        return new AwsServiceException("SerializationException", 400, message);
    }

    /** An {@code X-Amz-Target} that names no operation of any service here; AWS sends no message. */
    public static AwsServiceException unknownOperation() {
        return new AwsServiceException("UnknownOperationException", 400, null);
    }

    @Override
    public String toString() {
        return "AwsServiceException[" + errorCode + ", " + httpStatus + "]: " + getMessage();
    }
}
