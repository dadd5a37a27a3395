package dev.secretbaker.local.internal.kms;

import java.time.Instant;

/** What DescribeKey tells about a key; never its material. */
public record KeyMetadata(
        String keyId,
        String arn,
        String accountId,
        Instant creationDate,
        String description,
        boolean awsManaged,
        KeyState state,
        Instant deletionDate,
        Integer pendingDeletionWindowInDays) {

    public boolean enabled() {
        return state == KeyState.Enabled;
    }

    public String keyManager() {
        return awsManaged ? "AWS" : "CUSTOMER";
    }
}
