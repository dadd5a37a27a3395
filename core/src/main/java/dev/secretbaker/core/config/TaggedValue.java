package dev.secretbaker.core.config;

/**
 * A value under a tag YAML does not define, such as CloudFormation's {@code !Ref} or {@code !Sub}: kept as a plain
 * value so that the rest of the file reads, and recognisable so that it is refused where a name or path belongs.
 */
record TaggedValue(String tag, Object value) {

    @Override
    public String toString() {
        return tag + " " + value;
    }
}
