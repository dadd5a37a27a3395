package dev.secretbaker.runtime;

/** Every secret of the file decrypted with {@code preload()} (ten in the benchmark), then the first one read. */
public final class PreloadMain {

    public static void main(String[] args) {
        long start = System.nanoTime();
        BakedSecrets.preload();
        String value = BakedSecrets.get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length() + " secrets=" + BakedSecrets.names().size());
        System.exit(0);
    }
}
