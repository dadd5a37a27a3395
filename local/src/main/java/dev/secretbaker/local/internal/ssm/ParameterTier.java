package dev.secretbaker.local.internal.ssm;

/** Parameter tiers with their value size limits (UTF-8 bytes). */
public enum ParameterTier {
    STANDARD("Standard", 4096),
    ADVANCED("Advanced", 8192),
    /** Only ever requested: a stored version is Standard or Advanced. */
    INTELLIGENT_TIERING("Intelligent-Tiering", 8192);

    private final String wireName;
    private final int maxValueBytes;

    ParameterTier(String wireName, int maxValueBytes) {
        this.wireName = wireName;
        this.maxValueBytes = maxValueBytes;
    }

    public String wireName() {
        return wireName;
    }

    public int maxValueBytes() {
        return maxValueBytes;
    }

    public static ParameterTier fromWire(String value) {
        for (ParameterTier tier : values()) {
            if (tier.wireName.equals(value)) {
                return tier;
            }
        }
        return null;
    }
}
