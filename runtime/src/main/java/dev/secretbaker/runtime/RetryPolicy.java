package dev.secretbaker.runtime;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with exponential backoff and full jitter: attempt {@code n} (from 1) waits a random time in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]} before attempt {@code n + 1}.
 */
record RetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis, Sleeper sleeper) {

    public static final int DEFAULT_MAX_ATTEMPTS = 4;

    public static RetryPolicy standard() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, 100, 2_000, Sleeper.SYSTEM);
    }

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelayMillis, maxDelayMillis, sleeper);
    }

    void backOff(int failedAttempt) {
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(failedAttempt - 1, 20));
        if (ceiling > 0) {
            sleeper.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        }
    }
}
