package dev.secretbaker.local.internal.protocol;

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

    /** Records the {@code WithDecryption} flag of an SSM read in the audit trail. */
    void recordWithDecryption(boolean withDecryption);
}
