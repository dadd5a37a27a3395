package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.runtime.BakedSecretsClient;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The default path, but with credentials from the SDK's default chain (the {@code auth} module). */
public final class DefaultPathWithSdkAuthMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        BakedSecretsClient secrets = BakedSecretsClient.builder()
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .build();
        String value = secrets.get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0); // measure up to the plaintext, not the shutdown of client threads
    }
}
