package dev.secretbaker.local.internal.ssm;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** PutParameter's rules that need no state: the tier a value and its policies allow, the allowed pattern. */
final class SsmValidation {

    private SsmValidation() {
    }

    static ParameterTier effectiveTier(ParameterTier requested, StoredVersion previous, String value,
            String policies) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        boolean wasAdvanced = previous != null && previous.tier() == ParameterTier.ADVANCED;
        ParameterTier tier;
        if (requested == ParameterTier.INTELLIGENT_TIERING) {
            boolean needsAdvanced = bytes > ParameterTier.STANDARD.maxValueBytes() || hasPolicies(policies);
            tier = wasAdvanced || needsAdvanced ? ParameterTier.ADVANCED : ParameterTier.STANDARD;
        } else if (requested == null) {
            tier = wasAdvanced ? ParameterTier.ADVANCED : ParameterTier.STANDARD;
        } else {
            tier = requested;
        }
        if (tier == ParameterTier.STANDARD && wasAdvanced) {
            throw SsmErrors.validation("This parameter uses the advanced-parameter tier. You can't downgrade a"
                    + " parameter from the advanced-parameter tier to the standard-parameter tier. If necessary,"
                    + " you can delete the advanced parameter and recreate it as a standard parameter.");
        }
        if (tier == ParameterTier.STANDARD && bytes > ParameterTier.STANDARD.maxValueBytes()) {
            throw SsmErrors.validation("Standard tier parameters support a maximum parameter value of 4096"
                    + " characters. To create a larger parameter value, upgrade the parameter to use the"
                    + " advanced-parameter tier. For more information, see"
                    + " https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
        }
        if (bytes > ParameterTier.ADVANCED.maxValueBytes()) {
            throw SsmErrors.validation("Advanced tier parameters support a maximum parameter value of 8192"
                    + " characters.");
        }
        if (tier == ParameterTier.STANDARD && hasPolicies(policies)) {
            throw SsmErrors.validation("Parameter policies are supported only for advanced-tier parameters."
                    + " Upgrade the parameter to the advanced-parameter tier and try again.");
        }
        return tier;
    }

    static boolean hasPolicies(String policies) {
        return policies != null && !policies.isBlank() && !"[]".equals(policies.strip());
    }

    static void checkAllowedPattern(String allowedPattern, String value) {
        if (allowedPattern == null) {
            return;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(allowedPattern);
        } catch (PatternSyntaxException e) {
            throw SsmErrors.invalidAllowedPattern(allowedPattern);
        }
        if (!pattern.matcher(value).matches()) {
            throw SsmErrors.patternMismatch(allowedPattern);
        }
    }
}
