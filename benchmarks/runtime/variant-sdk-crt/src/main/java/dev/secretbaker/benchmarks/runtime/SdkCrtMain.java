package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.runtime.BakedSecretsClient;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KmsClient on the AWS CRT HTTP client, which AWS recommends for Lambda cold starts, with an explicit region and
 * credentials provider. The CRT does its TLS natively; {@code useTrustStoreSystemProperties} makes it read the
 * same {@code javax.net.ssl.trustStore} as every other variant (without it, it reads only the system's roots).
 */
public final class SdkCrtMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        KmsClient kms = KmsClient.builder()
                .region(Region.of(System.getenv("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClient(AwsCrtHttpClient.builder()
                        .useTrustStoreSystemProperties(System.getProperty("javax.net.ssl.trustStore") != null)
                        .build())
                .build();
        String value = BakedSecretsClient.builder().kmsClient(kms).build().get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0); // measure up to the plaintext, not the shutdown of client threads
    }
}
