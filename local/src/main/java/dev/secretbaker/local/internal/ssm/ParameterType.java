package dev.secretbaker.local.internal.ssm;

/** The three parameter types. */
public enum ParameterType {
    STRING("String"), STRING_LIST("StringList"), SECURE_STRING("SecureString");

    private final String wireName;

    ParameterType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ParameterType fromWire(String value) {
        for (ParameterType type : values()) {
            if (type.wireName.equals(value)) {
                return type;
            }
        }
        return null;
    }
}
