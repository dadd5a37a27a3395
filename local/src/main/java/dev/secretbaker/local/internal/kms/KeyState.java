package dev.secretbaker.local.internal.kms;

/** The key states this emulator models, by their wire names. */
public enum KeyState {
    Enabled, Disabled, PendingDeletion
}
