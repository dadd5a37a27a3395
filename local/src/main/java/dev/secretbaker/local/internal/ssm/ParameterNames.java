package dev.secretbaker.local.internal.ssm;

import dev.secretbaker.local.internal.protocol.AwsServiceException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parameter Store's naming rules, ARNs, and the {@code name:version} / {@code name:label} selectors. */
final class ParameterNames {

    static final int MAX_NAME_LENGTH = 2048;
    /** AWS reserves part of the 2048 for itself: a name's full ARN may be at most 1011 characters. */
    static final int MAX_ARN_LENGTH = 1011;
    static final int MAX_HIERARCHY_LEVELS = 15;

    private static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[a-zA-Z0-9_.\\-/]+");

    static final String INVALID_NAME_MESSAGE = "Parameter name: can't be prefixed with \"aws\" or \"ssm\""
            + " (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol;"
            + " each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_";
    private static final String SSM_PREFIX_MESSAGE = "Parameter name: can't be prefixed with \"ssm\""
            + " (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol;"
            + " each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_";
    private static final String RESERVED_PREFIX_MESSAGE =
            "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).";

    private ParameterNames() {
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /** {@code arn:aws:ssm:REGION:ACCOUNT:parameter/NAME}, with no double slash for names that start with one. */
    static String arn(String region, String accountId, String name) {
        return "arn:" + partition(region) + ":ssm:" + region + ":" + accountId + ":parameter"
                + (name.startsWith("/") ? name : "/" + name);
    }

    /** Checks a name that PutParameter is about to create, in the order AWS checks it. */
    static void validateForCreate(String name, String region, String accountId) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw SsmErrors.constraintViolation("Value '" + name + "' at 'name' failed to satisfy constraint:"
                    + " Member must have length less than or equal to " + MAX_NAME_LENGTH);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        String bare = lower.startsWith("/") ? lower.substring(1) : lower;
        if (bare.startsWith("aws") || bare.startsWith("ssm")) {
            boolean isPath = name.chars().filter(c -> c == '/').count() > 1;
            if (lower.startsWith("/aws") && isPath) {
                throw AwsServiceException.accessDenied("No access to reserved parameter name: " + name + ".");
            }
            throw SsmErrors.validation(isPath ? SSM_PREFIX_MESSAGE : RESERVED_PREFIX_MESSAGE);
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw SsmErrors.validation("Parameter name must be a fully qualified name.");
        }
        if (!hasValidCharacters(name)) {
            throw SsmErrors.validation(INVALID_NAME_MESSAGE);
        }
        if (hierarchyLevels(name) > MAX_HIERARCHY_LEVELS) {
            throw SsmErrors.hierarchyLevelLimitExceeded();
        }
        if (arn(region, accountId, name).length() > MAX_ARN_LENGTH) {
            throw SsmErrors.validation("Parameter name: the full ARN of the parameter, "
                    + arn(region, accountId, "").length() + " characters of prefix included, can be at most "
                    + MAX_ARN_LENGTH + " characters long.");
        }
    }

    /** Letters, digits, {@code _ . - /}; a path has no empty sub-path. */
    static boolean hasValidCharacters(String name) {
        if (name.isEmpty() || !ALLOWED_CHARACTERS.matcher(name).matches()) {
            return false;
        }
        return !name.contains("//") && !(name.endsWith("/") && name.length() > 1) && !"/".equals(name);
    }

    static int hierarchyLevels(String name) {
        return Math.max(1, (int) name.chars().filter(c -> c == '/').count());
    }

    /**
     * What a caller asked for: a name or a parameter ARN, optionally followed by {@code :version} or
     * {@code :label}. {@code candidates} lists the stored names it may mean (an ARN of a top-level parameter
     * matches both {@code x} and {@code /x}); it is empty when the reference can match nothing in this
     * account and region.
     */
    record Reference(String requested, List<String> candidates, Long version, String label, boolean malformed,
            boolean fromArn) {

        String name() {
            return candidates.isEmpty() ? requested : candidates.get(0);
        }

        /** LabelParameterVersion and DeleteParameter(s) take a plain name: no ARN, no selector. */
        boolean isPlainName() {
            return !malformed && !fromArn && !hasSelector();
        }

        boolean hasSelector() {
            return version != null || label != null;
        }

        /** The selector as AWS echoes it: {@code :3} or {@code :prod}. */
        String selector() {
            if (version != null) {
                return ":" + version;
            }
            return label == null ? null : ":" + label;
        }
    }

    static Reference parse(String requested, String region, String accountId) {
        String nameAndSelector;
        boolean fromArn = requested.startsWith("arn:");
        if (fromArn) {
            String[] parts = requested.split(":", 6);
            if (parts.length < 6 || !"ssm".equals(parts[2]) || !parts[5].startsWith("parameter/")) {
                return new Reference(requested, List.of(), null, null, true, fromArn);
            }
            if (!region.equals(parts[3]) || !accountId.equals(parts[4])
                    || !partition(region).equals(parts[1])) {
                return new Reference(requested, List.of(), null, null, false, true);
            }
            nameAndSelector = parts[5].substring("parameter".length());
        } else {
            nameAndSelector = requested;
        }
        int colon = nameAndSelector.indexOf(':');
        String name = colon < 0 ? nameAndSelector : nameAndSelector.substring(0, colon);
        String selector = colon < 0 ? null : nameAndSelector.substring(colon + 1);
        if (!hasValidCharacters(name) || (selector != null && (selector.isEmpty() || selector.contains(":")))) {
            return new Reference(requested, List.of(), null, null, true, fromArn);
        }
        List<String> candidates = fromArn && name.indexOf('/', 1) < 0
                ? List.of(name.substring(1), name) : List.of(name);
        if (selector == null) {
            return new Reference(requested, candidates, null, null, false, fromArn);
        }
        if (selector.chars().allMatch(Character::isDigit)) {
            try {
                return new Reference(requested, candidates, Long.parseLong(selector), null, false, fromArn);
            } catch (NumberFormatException tooLarge) {
                return new Reference(requested, List.of(), null, null, true, fromArn);
            }
        }
        return new Reference(requested, candidates, null, selector, false, fromArn);
    }
}
