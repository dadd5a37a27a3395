package dev.secretbaker.local.internal.ssm;

import dev.secretbaker.local.internal.protocol.CallContext;

/**
 * Who performs a model operation: checked against IAM-style permissions per resource and recorded as a
 * version's {@code LastModifiedUser}. The seed loader uses {@link #trusted}, which is allowed everything.
 */
public interface SsmCaller {

    /** The caller's ARN, e.g. {@code arn:aws:iam::111122223333:user/builder}. */
    String principalArn();

    /** Throws AccessDeniedException when the caller may not perform {@code action} on {@code resource}. */
    void authorize(String action, String resource);

    /** Records an SSM read's {@code WithDecryption} flag in the audit trail. */
    default void recordWithDecryption(boolean withDecryption) {
    }

    static SsmCaller trusted(String principalArn) {
        return new SsmCaller() {
            @Override
            public String principalArn() {
                return principalArn;
            }

            @Override
            public void authorize(String action, String resource) {
            }
        };
    }

    /** A caller over the wire: the principal is a name (or already an ARN) from the request's access key. */
    static SsmCaller of(CallContext call) {
        String principal = call.principal();
        String arn = principal.startsWith("arn:")
                ? principal
                : "arn:" + ParameterNames.partition(call.region()) + ":iam::" + call.accountId() + ":user/" + principal;
        return new SsmCaller() {
            @Override
            public String principalArn() {
                return arn;
            }

            @Override
            public void authorize(String action, String resource) {
                call.authorize(action, resource);
            }

            @Override
            public void recordWithDecryption(boolean withDecryption) {
                call.recordWithDecryption(withDecryption);
            }
        };
    }
}
