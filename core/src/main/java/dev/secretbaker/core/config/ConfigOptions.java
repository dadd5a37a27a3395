package dev.secretbaker.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller knows that {@code serverless.yml} refers to: the command-line options ({@code --stage},
 * {@code --region} and any other {@code --name value}) that feed {@code ${opt:name}}, the parameters
 * ({@code --param "name=value"}) that feed {@code ${param:name}}, and the environment for {@code ${env:NAME}}.
 *
 * <pre>
 * ConfigOptions.builder().stage("prod").region("eu-west-1").param("domain=example.com").build()
 * </pre>
 */
public final class ConfigOptions {

    private final Map<String, String> options;
    private final Map<String, String> params;
    private final Map<String, String> environment;

    private ConfigOptions(Builder builder) {
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(builder.options));
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(builder.params));
        this.environment = builder.environment == null ? System.getenv() : Map.copyOf(builder.environment);
    }

    /** {@return no options, no parameters, and this process's environment} */
    public static ConfigOptions defaults() {
        return builder().build();
    }

    /** {@return a builder for options, parameters or an environment of the caller's} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the {@code --stage} option, if given} */
    public Optional<String> stage() {
        return Optional.ofNullable(options.get("stage"));
    }

    /** {@return the {@code --region} option, if given} */
    public Optional<String> region() {
        return Optional.ofNullable(options.get("region"));
    }

    /** {@return every option by name, {@code stage} and {@code region} included} */
    public Map<String, String> options() {
        return options;
    }

    /** {@return every parameter for {@code ${param:name}} by name} */
    public Map<String, String> params() {
        return params;
    }

    /** {@return the environment for {@code ${env:NAME}}} */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public String toString() {
        // Option and parameter values may be anything a user passes; names are enough to debug with.
        return "ConfigOptions[options=" + options.keySet() + ", params=" + params.keySet() + "]";
    }

    /** Builds {@link ConfigOptions}; every setting is optional. */
    public static final class Builder {
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> params = new LinkedHashMap<>();
        private Map<String, String> environment;

        private Builder() {
        }

        /**
         * The {@code --stage} option.
         *
         * @param stage the stage, or null to remove it
         * @return this builder
         */
        public Builder stage(String stage) {
            return option("stage", stage);
        }

        /**
         * The {@code --region} option.
         *
         * @param region the region, or null to remove it
         * @return this builder
         */
        public Builder region(String region) {
            return option("region", region);
        }

        /**
         * An option for {@code ${opt:name}}; a null value removes it.
         *
         * @param name  the option's name
         * @param value its value, or null
         * @return this builder
         */
        public Builder option(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                options.remove(name);
            } else {
                options.put(name, value);
            }
            return this;
        }

        /**
         * An option written {@code name=value}, for a command line that passes arbitrary options through; the
         * value may be empty and may contain {@code =}.
         *
         * @param assignment {@code name=value}
         * @return this builder
         * @throws IllegalArgumentException if there is no {@code =} or the name is empty
         */
        public Builder option(String assignment) {
            String[] nameAndValue = split(assignment, "--option \"tenant=acme\"");
            return option(nameAndValue[0], nameAndValue[1]);
        }

        /**
         * Options for {@code ${opt:name}}, added to those set.
         *
         * @param options values by name
         * @return this builder
         */
        public Builder options(Map<String, String> options) {
            options.forEach(this::option);
            return this;
        }

        /**
         * A parameter for {@code ${param:name}}; a null value removes it.
         *
         * @param name  the parameter's name
         * @param value its value, or null
         * @return this builder
         */
        public Builder param(String name, String value) {
            Objects.requireNonNull(name, "name");
            if (value == null) {
                params.remove(name);
            } else {
                params.put(name, value);
            }
            return this;
        }

        /**
         * A parameter written as on the Serverless command line, {@code name=value}; the value may be empty
         * and may contain {@code =}.
         *
         * @param assignment {@code name=value}
         * @return this builder
         * @throws IllegalArgumentException if there is no {@code =} or the name is empty
         */
        public Builder param(String assignment) {
            String[] nameAndValue = split(assignment, "--param \"domain=example.com\"");
            return param(nameAndValue[0], nameAndValue[1]);
        }

        private static String[] split(String assignment, String example) {
            Objects.requireNonNull(assignment, "assignment");
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Expected name=value, e.g. " + example);
            }
            return new String[] {assignment.substring(0, equals), assignment.substring(equals + 1)};
        }

        /**
         * Parameters for {@code ${param:name}}, added to those set.
         *
         * @param params values by name
         * @return this builder
         */
        public Builder params(Map<String, String> params) {
            params.forEach(this::param);
            return this;
        }

        /**
         * The environment for {@code ${env:NAME}}; by default this process's.
         *
         * @param environment values by variable name
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** {@return the options} */
        public ConfigOptions build() {
            return new ConfigOptions(this);
        }
    }
}
