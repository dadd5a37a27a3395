package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.runtime.BakedSecretsClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** A KmsClient with every default, as {@code KmsClient.create()} gives it. */
public final class SdkDefaultMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        KmsClient kms = KmsClient.create();
        String value = BakedSecretsClient.builder().kmsClient(kms).build().get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0); // measure up to the plaintext, not the shutdown of client threads
    }
}
