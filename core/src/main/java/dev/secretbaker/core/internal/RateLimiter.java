package dev.secretbaker.core.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} calls at once, then {@code permitsPerSecond}. Parameter Store's default
 * throughput is shared by every reader in the account and region, so the bake takes only part of it.
 */
public final class RateLimiter {

    /** Sleeps for the given number of nanoseconds; replaceable in tests. */
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double permitsPerNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    public RateLimiter(double permitsPerSecond, int burst) {
        this(permitsPerSecond, burst, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    RateLimiter(double permitsPerSecond, int burst, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(permitsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("permitsPerSecond must be > 0 and burst >= 1");
        }
        this.permitsPerNano = permitsPerSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Waits until a call may start. */
    public void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Takes one permit, possibly on credit, and returns how long the caller must wait before using it. */
    synchronized long reserve() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * permitsPerNano);
        last = now;
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / permitsPerNano);
    }
}
