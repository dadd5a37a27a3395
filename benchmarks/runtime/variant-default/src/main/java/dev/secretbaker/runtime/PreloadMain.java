package dev.secretbaker.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Every secret of the file decrypted (ten in the benchmark), then the first one read. With {@code preload}, by
 * {@code BakedSecrets.preload()}; with {@code all-at-once}, by one {@code get} per secret on eight threads started
 * together, which is how {@code preload()} worked before it decrypted one secret alone first.
 */
public final class PreloadMain {

    public static void main(String[] args) throws Exception {
        boolean allAtOnce = args.length > 1 && args[1].equals("all-at-once");
        long start = System.nanoTime();
        if (allAtOnce) {
            ExecutorService executor = Executors.newFixedThreadPool(8);
            List<Future<String>> futures = new ArrayList<>();
            for (String name : BakedSecrets.names()) {
                futures.add(executor.submit(() -> BakedSecrets.get(name)));
            }
            for (Future<String> future : futures) {
                future.get();
            }
            executor.shutdown();
        } else {
            BakedSecrets.preload();
        }
        String value = BakedSecrets.get(args[0]);
        long elapsed = System.nanoTime() - start;
        System.out.println("ttfs_nanos=" + elapsed + " length=" + value.length() + " secrets=" + BakedSecrets.names().size());
        System.exit(0);
    }
}
