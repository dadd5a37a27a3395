package dev.secretbaker.core.config;

import java.util.Set;

/**
 * A value under a tag YAML does not define, such as CloudFormation's {@code !Ref} or {@code !Sub}: kept as a plain
 * value so that the rest of the file reads, and recognisable so that it is refused where a name or path belongs.
 */
record TaggedValue(String tag, Object value) {

    private static final Set<String> CLOUDFORMATION_FUNCTIONS = Set.of("!And", "!Base64", "!Cidr", "!Condition",
            "!Equals", "!FindInMap", "!GetAtt", "!GetAZs", "!If", "!ImportValue", "!Join", "!Length", "!Not", "!Or",
            "!Ref", "!Select", "!Split", "!Sub", "!ToJsonString", "!Transform");

    /** For messages: what this value is. */
    String describe() {
        if (CLOUDFORMATION_FUNCTIONS.contains(tag)) {
            return "the CloudFormation function " + tag + ", which exists only at deploy time";
        }
        return "a value with the YAML tag " + tag + ", which secret-baker cannot evaluate";
    }

    @Override
    public String toString() {
        return tag + " " + value;
    }
}
