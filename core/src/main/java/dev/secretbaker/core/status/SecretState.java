package dev.secretbaker.core.status;

/** How a baked secret compares with what Parameter Store holds now. */
public enum SecretState {
    /** The baked ciphertext is the latest version's: a new bake would bake the same. */
    CURRENT,
    /** A new bake would bake something else: a newer version, a moved label, a changed configuration. */
    STALE,
    /** Baked from an explicit version or label that still selects the baked version. */
    PINNED,
    /** The parameter (or the pinned version or label) no longer exists: a new bake would fail. */
    GONE,
    /** Parameter Store could not be asked (access denied, throttling, a network failure); the reason says why. */
    UNKNOWN;

    /** {@return the lower-case word the table and the JSON use} */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
