package dev.secretbaker.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * How to reach Parameter Store. Every setting is optional; what is not set follows the AWS SDK's default
 * chains: region from {@code AWS_REGION} or the profile, credentials from the environment, the profile or the
 * instance role, the endpoint from {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL} or the profile's
 * {@code endpoint_url}. A {@code profile} given here is used for all three.
 */
public final class SsmOptions {

    /** Attempts per call, including the first; the SDK backs off between them on throttling and 5xx answers. */
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    private final String region;
    private final String profile;
    private final URI endpointUrl;
    private final AwsCredentialsProvider credentialsProvider;
    private final int maxAttempts;

    private SsmOptions(Builder builder) {
        this.region = builder.region;
        this.profile = builder.profile;
        this.endpointUrl = builder.endpointUrl;
        this.credentialsProvider = builder.credentialsProvider;
        this.maxAttempts = builder.maxAttempts;
    }

    /**
     * The one rule for an endpoint URL, whichever front end read it: an absolute {@code http} or {@code https} URL
     * with a host. Blank means none.
     *
     * @param text    the value as the user wrote it
     * @param setting where it was written, in the front end's words ({@code --endpoint-url}, {@code <endpointUrl>})
     * @throws InvalidSettingException naming the setting, the value and what a valid one looks like
     */
    public static URI parseEndpointUrl(String text, String setting) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String reason;
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
            reason = "expected http://host:port or https://host";
        } catch (URISyntaxException e) {
            reason = e.getReason();
        }
        throw new InvalidSettingException(setting, "The " + setting + " '" + text.strip() + "' is not a URL such as "
                + "https://ssm.eu-west-1.amazonaws.com or http://127.0.0.1:4566 (" + reason + ").");
    }

    /** {@return options that take everything from the SDK's default chains} */
    public static SsmOptions defaults() {
        return builder().build();
    }

    /** {@return a builder for options that differ from the SDK's default chains} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the region, empty for the SDK's default chain} */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** {@return the named profile, empty for the default} */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /** {@return the SSM endpoint, empty for the SDK's default chain} */
    public Optional<URI> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    /** {@return the credentials provider, empty for the SDK's default chain} */
    public Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /** {@return the attempts per SSM call, retries included} */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * These options, with {@code region} where none was set: a configuration's region (such as
     * serverless.yml's {@code provider.region}) comes before the SDK's default chain but after an explicit one.
     *
     * @param defaultRegion the configuration's region, if it has one
     * @return these options, or a copy with that region
     */
    public SsmOptions withDefaultRegion(Optional<String> defaultRegion) {
        if (region != null || defaultRegion.isEmpty()) {
            return this;
        }
        return withRegion(defaultRegion.get());
    }

    /**
     * These options in {@code region}, whatever region they had: for a parameter ARN, whose region is its own.
     *
     * @param region the region id
     * @return a copy of these options in that region
     */
    public SsmOptions withRegion(String region) {
        return builder().region(region).profile(profile).endpointUrl(endpointUrl)
                .credentialsProvider(credentialsProvider).maxAttempts(maxAttempts).build();
    }

    @Override
    public String toString() {
        return "SsmOptions[region=" + region + ", profile=" + profile + ", endpointUrl=" + endpointUrl
                + ", credentialsProvider=" + (credentialsProvider == null ? "default chain" : credentialsProvider.getClass().getSimpleName())
                + ", maxAttempts=" + maxAttempts + "]";
    }

    /** Builds {@link SsmOptions}; every setting is optional. */
    public static final class Builder {
        private String region;
        private String profile;
        private URI endpointUrl;
        private AwsCredentialsProvider credentialsProvider;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

        private Builder() {
        }

        /**
         * An AWS region id such as {@code eu-west-1}; null or blank means the default chain.
         *
         * @param region the region id
         * @return this builder
         */
        public Builder region(String region) {
            this.region = blankToNull(region);
            return this;
        }

        /**
         * A named profile from the shared AWS config and credentials files; null or blank means the default.
         *
         * @param profile the profile's name
         * @return this builder
         */
        public Builder profile(String profile) {
            this.profile = blankToNull(profile);
            return this;
        }

        /**
         * Overrides the endpoint, e.g. the local emulator's; null means the default chain.
         *
         * @param endpointUrl the SSM endpoint
         * @return this builder
         */
        public Builder endpointUrl(URI endpointUrl) {
            this.endpointUrl = endpointUrl;
            return this;
        }

        /**
         * Credentials other than the SDK's default chain; null means the default chain.
         *
         * @param credentialsProvider where to get the credentials
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /**
         * Attempts per SSM call on throttling, 5xx and network failures.
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** {@return the options} */
        public SsmOptions build() {
            return new SsmOptions(this);
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }
    }
}
