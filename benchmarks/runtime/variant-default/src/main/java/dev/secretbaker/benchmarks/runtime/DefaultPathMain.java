package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.runtime.BakedSecrets;

/** Time to the first plaintext through {@code BakedSecrets.get}, as a handler would call it. */
public final class DefaultPathMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        String value = BakedSecrets.get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0); // measure up to the plaintext, not the shutdown of client threads
    }
}
