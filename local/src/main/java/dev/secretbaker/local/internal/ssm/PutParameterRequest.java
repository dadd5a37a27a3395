package dev.secretbaker.local.internal.ssm;

import java.util.Objects;

/**
 * A PutParameter call, as the wire layer parses it and as the seed loader builds it. Nullable members are
 * "not given": on an overwrite they keep the previous version's setting, as in AWS.
 */
public record PutParameterRequest(
        String name,
        String value,
        ParameterType type,
        String keyId,
        ParameterTier tier,
        String description,
        boolean overwrite,
        String allowedPattern,
        String dataType,
        String policies) {

    public PutParameterRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    public static Builder builder(String name, String value) {
        return new Builder(name, value);
    }

    @Override
    public String toString() {
        return "PutParameterRequest[name=" + name + ", type=" + type + ", tier=" + tier + ", keyId=" + keyId
                + ", overwrite=" + overwrite + "]";
    }

    public static final class Builder {
        private final String name;
        private final String value;
        private ParameterType type;
        private String keyId;
        private ParameterTier tier;
        private String description;
        private boolean overwrite;
        private String allowedPattern;
        private String dataType;
        private String policies;

        private Builder(String name, String value) {
            this.name = name;
            this.value = value;
        }

        public Builder type(ParameterType type) {
            this.type = type;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder tier(ParameterTier tier) {
            this.tier = tier;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder allowedPattern(String allowedPattern) {
            this.allowedPattern = allowedPattern;
            return this;
        }

        public Builder dataType(String dataType) {
            this.dataType = dataType;
            return this;
        }

        public Builder policies(String policies) {
            this.policies = policies;
            return this;
        }

        public PutParameterRequest build() {
            return new PutParameterRequest(name, value, type, keyId, tier, description, overwrite, allowedPattern,
                    dataType, policies);
        }
    }
}
