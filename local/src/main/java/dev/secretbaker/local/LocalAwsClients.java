package dev.secretbaker.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.SsmClientBuilder;

/**
 * Ready AWS SDK v2 clients for an emulator: its endpoint and region, a principal's static credentials, the
 * lightweight URL-connection HTTP client (trusting the emulator's root when it serves HTTPS). Needs {@code software.amazon.awssdk:kms} / {@code ssm} and
 * {@code url-connection-client} on the classpath (optional dependencies of this module). The caller closes them.
 */
public final class LocalAwsClients {

    private LocalAwsClients() {
    }

    public static KmsClient kms(LocalAws aws) {
        return kms(aws, LocalAws.ADMIN);
    }

    public static KmsClient kms(LocalAws aws, String principal) {
        return kmsBuilder(aws, principal).overrideConfiguration(noRetries()).build();
    }

    /** A builder set up for the emulator as this principal, with the SDK's default retries, to adjust further. */
    public static KmsClientBuilder kmsBuilder(LocalAws aws, String principal) {
        return KmsClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws.principal(principal)))
                .httpClient(httpClient(aws));
    }

    public static SsmClient ssm(LocalAws aws) {
        return ssm(aws, LocalAws.ADMIN);
    }

    public static SsmClient ssm(LocalAws aws, String principal) {
        return ssmBuilder(aws, principal).overrideConfiguration(noRetries()).build();
    }

    /** A builder set up for the emulator as this principal, with the SDK's default retries, to adjust further. */
    public static SsmClientBuilder ssmBuilder(LocalAws aws, String principal) {
        return SsmClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentials(aws.principal(principal)))
                .httpClient(httpClient(aws));
    }

    /** The URL-connection client; over HTTPS it trusts the emulator's root and nothing else. */
    public static SdkHttpClient httpClient(LocalAws aws) {
        return aws.tls().map(tls -> UrlConnectionHttpClient.builder().tlsTrustManagersProvider(tls::trustManagers).build())
                .orElseGet(UrlConnectionHttpClient::create);
    }

    public static StaticCredentialsProvider credentials(LocalPrincipal principal) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(principal.accessKeyId(),
                principal.secretAccessKey()));
    }

    /** Tests see each answer as the emulator gave it, so retries are off; build your own client to test them. */
    private static ClientOverrideConfiguration noRetries() {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(1))
                .build();
    }
}
