package dev.secretbaker.local;

import java.time.Instant;
import java.util.List;

/**
 * One call the emulator answered (or refused): who made it, what it touched, and how it ended.
 *
 * @param time           when the request arrived
 * @param requestId      the {@code x-amzn-RequestId} answered
 * @param principal      the principal's name, or {@code null} when the request was not authenticated
 * @param service        the signing name, {@code kms} or {@code ssm}; {@code null} when no service was named
 * @param operation      e.g. {@code Decrypt}; {@code null} when the target named no operation
 * @param resources      ARNs (or {@code *}) the call was authorised on, in order
 * @param withDecryption the {@code WithDecryption} flag of an SSM read, else {@code null}
 * @param outcome        {@code OK}, or the AWS error code answered, or {@code ConnectionDropped} (a fault), or
 *                       {@code ClientDisconnected} (the client closed the connection before sending its request)
 */
public record AuditEvent(Instant time, String requestId, String principal, String service, String operation,
        List<String> resources, Boolean withDecryption, String outcome) {

    public static final String OK = "OK";
    public static final String CONNECTION_DROPPED = "ConnectionDropped";
    public static final String CLIENT_DISCONNECTED = "ClientDisconnected";

    public AuditEvent {
        resources = List.copyOf(resources);
    }

    public boolean succeeded() {
        return OK.equals(outcome);
    }
}
