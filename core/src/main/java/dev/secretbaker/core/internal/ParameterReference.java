package dev.secretbaker.core.internal;

import java.util.Objects;

/**
 * A parameter reference as written in the configuration, split into the parameter (a name or an ARN) and the
 * optional SSM selector: {@code /db/pass:3} selects version 3, {@code /db/pass:prod} the version labelled
 * {@code prod}. Parameter names cannot contain a colon, so the selector is what follows the last colon after
 * the name (for an ARN, after its {@code parameter/} part).
 */
public record ParameterReference(String text, String base, String selector) {

    private static final String ARN_PREFIX = "arn:";
    private static final String ARN_RESOURCE = ":parameter/";

    public ParameterReference {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(base, "base");
    }

    public static ParameterReference parse(String text) {
        int nameStart = 0;
        if (text.startsWith(ARN_PREFIX)) {
            int resource = text.indexOf(ARN_RESOURCE);
            nameStart = resource < 0 ? text.length() : resource + ARN_RESOURCE.length();
        }
        int colon = text.indexOf(':', nameStart);
        if (colon < 0) {
            return new ParameterReference(text, text, null);
        }
        return new ParameterReference(text, text.substring(0, colon), text.substring(colon + 1));
    }

    public boolean isArn() {
        return base.startsWith(ARN_PREFIX);
    }

    public boolean hasSelector() {
        return selector != null;
    }

    /** True when the selector pins a version number rather than naming a label. */
    public boolean selectsVersion() {
        return selector != null && !selector.isEmpty() && selector.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public String toString() {
        return text;
    }
}
