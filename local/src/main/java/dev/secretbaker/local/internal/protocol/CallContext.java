package dev.secretbaker.local.internal.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a service operation knows about its caller, and how it reports to the audit trail.
 * Implemented by the wire layer for each request.
 */
public interface CallContext {

    /** The named principal whose access key signed the request. */
    String principal();

    String region();

    String accountId();

    /**
     * Checks that the principal may perform {@code action} (e.g. {@code kms:Decrypt}) on {@code resourceArn};
     * records the resource in the audit trail either way.
     *
     * @throws AwsServiceException AccessDeniedException worded as AWS words it
     */
    void authorize(String action, String resourceArn);

    /**
     * As {@link #authorize(String, String)}, with the request's IAM condition keys (such as
     * {@code kms:EncryptionContext:PARAMETER_ARN}) for policies with conditions.
     */
    default void authorize(String action, String resourceArn, Map<String, List<String>> conditionContext) {
        authorize(action, resourceArn);
    }

    /** Records the {@code WithDecryption} flag of an SSM read in the audit trail. */
    void recordWithDecryption(boolean withDecryption);
}
