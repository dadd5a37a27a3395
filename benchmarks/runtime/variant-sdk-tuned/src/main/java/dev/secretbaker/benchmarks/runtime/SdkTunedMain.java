package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.runtime.BakedSecretsClient;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KmsClient tuned for cold starts as AWS recommends: the URL-connection HTTP client, an explicit region and an
 * explicit credentials provider (no chains walked).
 */
public final class SdkTunedMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        KmsClient kms = KmsClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String value = BakedSecretsClient.builder().kmsClient(kms).build().get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0); // measure up to the plaintext, not the shutdown of client threads
    }
}
