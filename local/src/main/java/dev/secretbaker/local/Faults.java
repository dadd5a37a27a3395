package dev.secretbaker.local;

import dev.secretbaker.local.internal.fault.FaultInjector;
import java.time.Duration;
import java.util.Map;

/**
 * Faults the emulator injects into calls over the wire, for tests of retries and error handling. Each setter
 * takes effect on the next request and returns this object for chaining. Random faults draw from one seedable
 * generator ({@link #seed}); faults are applied after authentication, in this order: dropped connection,
 * latency, throttling ({@code ThrottlingException}, status 400, "Rate exceeded"), server error (SSM
 * {@code InternalServerError}, KMS {@code KMSInternalException}, status 500).
 */
public final class Faults {

    private final FaultInjector injector;

    Faults(FaultInjector injector) {
        this.injector = injector;
    }

    /** Delays every call by this much before it is answered. */
    public Faults latency(Duration latency) {
        injector.latency(latency);
        return this;
    }

    public Duration latency() {
        return injector.latency();
    }

    /** Answers this fraction of calls (0..1) with ThrottlingException. */
    public Faults throttleRate(double rate) {
        injector.throttleRate(rate);
        return this;
    }

    public double throttleRate() {
        return injector.throttleRate();
    }

    /**
     * Answers calls above n per second with ThrottlingException: calls of one operation ({@code GetParameters}),
     * of several sharing one cap ({@code GetParameter,GetParameters}, as Parameter Store's quota is shared), or of
     * each operation that has no cap of its own ({@code *}).
     */
    public Faults tpsLimit(String operation, int callsPerSecond) {
        injector.tpsLimit(operation, callsPerSecond);
        return this;
    }

    public Map<String, Integer> tpsLimits() {
        return injector.tpsLimits();
    }

    /** Answers this fraction of calls (0..1) with the service's 500 error. */
    public Faults serverErrorRate(double rate) {
        injector.serverErrorRate(rate);
        return this;
    }

    public double serverErrorRate() {
        return injector.serverErrorRate();
    }

    /** Closes the connection without any response for this fraction of calls (0..1). */
    public Faults dropConnectionRate(double rate) {
        injector.dropConnectionRate(rate);
        return this;
    }

    public double dropConnectionRate() {
        return injector.dropConnectionRate();
    }

    /** Restarts the random faults' generator from a seed, for repeatable runs. */
    public Faults seed(long seed) {
        injector.seed(seed);
        return this;
    }

    /** Removes every fault. */
    public Faults clear() {
        injector.clear();
        return this;
    }
}
