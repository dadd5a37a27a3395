package dev.secretbaker.runtime;

/**
 * The default path without the TLS warm-up (as it was before it): the first request sets up TLS itself, after the
 * file, the credentials and the signature. In the runtime's package to reach the builder's package-private seam.
 */
public final class NoWarmUpMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        String value = BakedSecretsClient.builder().warmUp(false).build().get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0);
    }
}
