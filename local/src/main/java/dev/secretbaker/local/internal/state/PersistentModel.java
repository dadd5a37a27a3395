package dev.secretbaker.local.internal.state;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A service model whose whole state can be written to, and read back from, the emulator's state file.
 * The state file holds one member per model, keyed by {@link #stateKey()}; it is rewritten atomically
 * (temp file, fsync, rename) after every call that changed any model.
 */
public interface PersistentModel {

    /** The member of the state file that holds this model, e.g. {@code "kms"} or {@code "ssm"}. */
    String stateKey();

    /** A JSON snapshot of everything: keys with their material, parameters with full history, labels... */
    JsonNode snapshot();

    /** Replaces the current state with a snapshot written by {@link #snapshot()}. */
    void restore(JsonNode snapshot);
}
