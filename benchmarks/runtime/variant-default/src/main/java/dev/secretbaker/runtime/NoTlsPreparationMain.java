package dev.secretbaker.runtime;

/**
 * The default path without the TLS preparation its first {@code get} starts on another thread (the trusted roots
 * and the handshake code initialised while the file and credentials are read): what that preparation saves. In
 * the runtime's package to reach the builder's package-private switch.
 */
public final class NoTlsPreparationMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        String value = BakedSecretsClient.builder().prepareTls(false).build().get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length());
        System.exit(0);
    }
}
