package dev.secretbaker.local.internal.kms;

import java.time.Instant;
import java.util.UUID;

/** An alias and the key it points at. */
record Alias(String name, UUID target, Instant created, Instant updated) {
}
