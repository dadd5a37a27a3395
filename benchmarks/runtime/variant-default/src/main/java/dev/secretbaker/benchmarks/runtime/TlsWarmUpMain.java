package dev.secretbaker.benchmarks.runtime;

import dev.secretbaker.runtime.BakedSecretsClient;

/**
 * The default path with the opt-in TLS warm-up: a verified handshake with the endpoint on another thread while
 * the first {@code get} reads the file and the credentials and signs the request.
 */
public final class TlsWarmUpMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        String value = BakedSecretsClient.builder().tlsWarmUp(true).build().get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0);
    }
}
