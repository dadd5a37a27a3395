package dev.secretbaker.core.internal;

import dev.secretbaker.core.BakeException;
import dev.secretbaker.core.BakeProblem;
import dev.secretbaker.core.SsmOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/** Builds the SSM client the bake uses from {@link SsmOptions}, and the KMS client that checks keys. */
public final class SsmClients {

    private SsmClients() {
    }

    public static SsmClient create(SsmOptions options) {
        return configure(SsmClient.builder(), options).build();
    }

    /**
     * A KMS client for {@code DescribeKey} only (never {@code Decrypt}) beside the SSM client {@link #create} built
     * from {@code options}: that client's region and credentials provider, which are resolved once, and the
     * options' retries, profile and endpoint (without one, the SDK reads {@code AWS_ENDPOINT_URL_KMS} itself).
     */
    public static KmsClient createKms(SsmOptions options, SsmClient ssm) {
        return kmsBeside(ssm, options.maxAttempts(), options.profile(), options.endpointUrl());
    }

    /** A KMS client for the region, credentials and endpoint of a ready SSM client, e.g. one passed in. */
    public static KmsClient kmsLike(SsmClient ssm) {
        return kmsBeside(ssm, SsmOptions.DEFAULT_MAX_ATTEMPTS, Optional.empty(),
                ssm.serviceClientConfiguration().endpointOverride());
    }

    private static KmsClient kmsBeside(SsmClient ssm, int maxAttempts, Optional<String> profile, Optional<URI> endpoint) {
        var config = ssm.serviceClientConfiguration();
        var builder = KmsClient.builder()
                .httpClientBuilder(httpClient())
                .region(config.region())
                .overrideConfiguration(o -> {
                    profile.ifPresent(o::defaultProfileName);
                    o.retryStrategy(retryStrategy(maxAttempts));
                });
        if (config.credentialsProvider() != null) {
            builder.credentialsProvider(config.credentialsProvider());
        }
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static SsmClientBuilder configure(SsmClientBuilder builder, SsmOptions options) {
        builder.httpClientBuilder(httpClient())
                .region(region(options))
                .credentialsProvider(credentials(options))
                .overrideConfiguration(o -> {
                    options.profile().ifPresent(o::defaultProfileName);
                    o.retryStrategy(retryStrategy(options.maxAttempts()));
                });
        options.endpointUrl().ifPresent(builder::endpointOverride);
        if (options.endpointUrl().isEmpty()) {
            checkEndpointVariables();
        }
        return builder;
    }

    /** The JDK's HTTP client: no extra dependency, quick to start, enough for a handful of calls. */
    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30));
    }

    /** The endpoint variables the SDK would use follow the same rule as an endpoint given directly. */
    private static void checkEndpointVariables() {
        for (String variable : new String[] {"AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                SsmOptions.parseEndpointUrl(value, variable);
                return;
            }
        }
    }

    /**
     * The SDK's standard retry conditions (throttling, 5xx, I/O errors) with more attempts and full-jitter
     * exponential backoff. The circuit breaker is off: a bake is short and should use all of its attempts.
     */
    static RetryStrategy retryStrategy(int maxAttempts) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(5)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(10)))
                .circuitBreakerEnabled(false)
                .build();
    }

    private static Region region(SsmOptions options) {
        if (options.region().isPresent()) {
            return Region.of(options.region().get());
        }
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        options.profile().ifPresent(chain::profileName);
        try {
            return chain.build().getRegion();
        } catch (SdkClientException e) {
            throw new BakeException(List.of(BakeProblem.ofRun(
                    "No AWS region is set" + options.profile().map(p -> " (profile " + p + " has none)").orElse("") + ".",
                    "Set the AWS_REGION environment variable, a region in your AWS profile, or the region option.")), e);
        }
    }

    private static AwsCredentialsProvider credentials(SsmOptions options) {
        if (options.credentialsProvider().isPresent()) {
            return options.credentialsProvider().get();
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        options.profile().ifPresent(chain::profileName);
        return chain.build();
    }
}
