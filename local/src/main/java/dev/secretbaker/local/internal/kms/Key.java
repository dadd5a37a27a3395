package dev.secretbaker.local.internal.kms;

import java.time.Instant;
import java.util.UUID;

/** One KMS key: its material, state and scheduled deletion; changed only under {@link KmsModel}'s lock. */
final class Key {
    final UUID id;
    final String arn;
    final byte[] material;
    final String description;
    final boolean awsManaged;
    final Instant created;
    KeyState state = KeyState.Enabled;
    Instant deletionDate;
    Integer pendingWindowInDays;

    Key(UUID id, String arn, byte[] material, String description, boolean awsManaged, Instant created) {
        this.id = id;
        this.arn = arn;
        this.material = material;
        this.description = description;
        this.awsManaged = awsManaged;
        this.created = created;
    }

    KeyMetadata metadata() {
        return new KeyMetadata(id.toString(), arn, arn.split(":")[4], created, description, awsManaged, state,
                deletionDate, pendingWindowInDays);
    }

    @Override
    public String toString() {
        return "Key[" + arn + ", " + state + "]";
    }
}
