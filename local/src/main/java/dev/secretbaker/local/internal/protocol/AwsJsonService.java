package dev.secretbaker.local.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS service served over the JSON 1.1 protocol. The wire layer parses the request, verifies SigV4,
 * picks the service by the {@code X-Amz-Target} prefix ({@code AmazonSSM}, {@code TrentService}), calls
 * {@link #handle}, and serialises the answer or the {@link AwsServiceException}.
 */
public interface AwsJsonService {

    /** The {@code X-Amz-Target} prefix before the dot, e.g. {@code AmazonSSM} or {@code TrentService}. */
    String targetPrefix();

    /** The SigV4 signing name, e.g. {@code ssm} or {@code kms}. */
    String signingName();

    /**
     * Runs one operation.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot, e.g. {@code GetParameters}
     * @param request   the parsed JSON body (an object; never null)
     * @param call      who is calling, for authorisation and the audit trail
     * @return the JSON response body
     * @throws AwsServiceException with the AWS error code, status and message
     */
    JsonNode handle(String operation, JsonNode request, CallContext call);

    /**
     * Whether the operation may change state, so that the state file is rewritten after it. The default follows
     * AWS's naming: {@code Get*}, {@code Describe*} and {@code List*} only read.
     */
    default boolean mutates(String operation) {
        return !(operation.startsWith("Get") || operation.startsWith("Describe") || operation.startsWith("List"));
    }

    /** How this service answers a throttled request. Both SSM and KMS word it {@code Rate exceeded}. */
    default AwsServiceException throttled() {
        return new AwsServiceException("ThrottlingException", 400, "Rate exceeded");
    }

    /** How this service answers a request that failed on the server side (a 5xx). */
    default AwsServiceException serverError() {
        return AwsServiceException.internal("An error occurred on the server side.");
    }
}
