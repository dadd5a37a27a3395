package dev.secretbaker.local.internal.ssm;

import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.util.List;
import java.util.UUID;

/**
 * The errors Parameter Store answers, by their AWS error codes, with AWS's wording. Every one is a client
 * error (HTTP 400) except InternalServerError. Messages never contain a parameter value.
 */
final class SsmErrors {

    private SsmErrors() {
    }

    /** AWS answers a missing parameter with no message at all. */
    static AwsServiceException parameterNotFound() {
        return new AwsServiceException("ParameterNotFound", 400, null);
    }

    static AwsServiceException parameterVersionNotFound(String name, String version) {
        return new AwsServiceException("ParameterVersionNotFound", 400,
                "Systems Manager could not find version " + version + " of " + name
                        + ". Verify the version and try again.");
    }

    static AwsServiceException parameterAlreadyExists() {
        return new AwsServiceException("ParameterAlreadyExists", 400,
                "The parameter already exists. To overwrite this value, set the overwrite option in the request"
                        + " to true.");
    }

    static AwsServiceException maxVersionLimitExceeded(String name, long oldestVersion) {
        return new AwsServiceException("ParameterMaxVersionLimitExceeded", 400,
                "You attempted to create a new version of " + name + " by calling the PutParameter API with the"
                        + " overwrite flag. Version " + oldestVersion + ", the oldest version, can't be deleted"
                        + " because it has a label associated with it. Move the label to another version of the"
                        + " parameter, and try again.");
    }

    static AwsServiceException parameterLimitExceeded() {
        return new AwsServiceException("ParameterLimitExceeded", 400,
                "You have exceeded the number of parameters for this AWS account. Delete unused parameters and"
                        + " try again.");
    }

    static AwsServiceException hierarchyLevelLimitExceeded() {
        return new AwsServiceException("HierarchyLevelLimitExceededException", 400,
                "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and"
                        + " constraints for parameter names in the AWS Systems Manager User Guide.");
    }

    static AwsServiceException labelLimitExceeded() {
        return new AwsServiceException("ParameterVersionLabelLimitExceeded", 400,
                "A parameter version can have maximum 10 labels. Move one or more labels to another version and"
                        + " try again.");
    }

    static AwsServiceException invalidAllowedPattern(String pattern) {
        return new AwsServiceException("InvalidAllowedPatternException", 400,
                "The request does not meet the regular expression requirement: " + pattern);
    }

    static AwsServiceException patternMismatch(String pattern) {
        return new AwsServiceException("ParameterPatternMismatchException", 400,
                "Parameter value, cannot be validated against allowedPattern: " + pattern);
    }

    static AwsServiceException invalidNextToken() {
        return new AwsServiceException("InvalidNextToken", 400, "The specified token is not valid.");
    }

    static AwsServiceException invalidFilterKey(String message) {
        return new AwsServiceException("InvalidFilterKey", 400, message);
    }

    static AwsServiceException invalidFilterOption(String message) {
        return new AwsServiceException("InvalidFilterOption", 400, message);
    }

    static AwsServiceException invalidFilterValue(String message) {
        return new AwsServiceException("InvalidFilterValue", 400, message);
    }

    static AwsServiceException validation(String message) {
        return AwsServiceException.validation(message);
    }

    /**
     * Constraint failures of the request shape, worded as AWS's front end words them: one failure reads
     * {@code 1 validation error detected: X}, several read {@code N validation errors detected: X.; Y.}.
     */
    static AwsServiceException constraintViolations(List<String> failures) {
        if (failures.size() == 1) {
            return validation("1 validation error detected: " + failures.get(0));
        }
        return validation(failures.size() + " validation errors detected: "
                + String.join("; ", failures.stream().map(f -> f + ".").toList()));
    }

    static AwsServiceException constraintViolation(String failure) {
        return constraintViolations(List.of(failure));
    }

    /**
     * An error KMS raised while SSM called it on the caller's behalf. SSM answers these as InvalidKeyId,
     * quoting KMS's message and error code the way the AWS SDK for Java inside SSM formats them.
     */
    static AwsServiceException fromKms(AwsServiceException kmsError) {
        String code = "AccessDeniedException".equals(kmsError.errorCode())
                ? "AccessDeniedException" : "InvalidKeyId";
        String kmsMessage = kmsError.getMessage() == null ? "" : kmsError.getMessage() + " ";
        return new AwsServiceException(code, 400, kmsMessage + "(Service: AWSKMS; Status Code: "
                + kmsError.httpStatus() + "; Error Code: " + kmsError.errorCode() + "; Request ID: "
                + UUID.randomUUID() + "; Proxy: null)");
    }
}
