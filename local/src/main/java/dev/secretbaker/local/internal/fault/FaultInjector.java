package dev.secretbaker.local.internal.fault;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Decides, request by request, which fault (if any) the emulator injects. Random choices come from one
 * seedable generator, so that a test with a fixed seed and sequential calls sees the same faults every run.
 * Thread-safe.
 */
public final class FaultInjector {

    /** What happens to one request, checked in this order: drop, delay, throttle, server error. */
    public record Decision(boolean dropConnection, Duration latency, boolean throttle, boolean serverError) {
        static final Decision NONE = new Decision(false, Duration.ZERO, false, false);
    }

    private final LongSupplier nanoTime;
    private Random random = new Random();
    private Duration latency = Duration.ZERO;
    private double throttleRate;
    private double serverErrorRate;
    private double dropConnectionRate;
    private final Map<String, Integer> tpsLimits = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<Long>> admitted = new LinkedHashMap<>();

    public FaultInjector() {
        this(System::nanoTime);
    }

    public FaultInjector(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public synchronized Decision decide(String operation) {
        if (latency.isZero() && throttleRate == 0 && serverErrorRate == 0 && dropConnectionRate == 0
                && tpsLimits.isEmpty()) {
            return Decision.NONE;
        }
        boolean drop = roll(dropConnectionRate);
        boolean throttle = roll(throttleRate) || overTpsLimit(operation);
        boolean error = roll(serverErrorRate);
        return new Decision(drop, latency, throttle, error);
    }

    private boolean roll(double rate) {
        // Always draw, so that one fault's rate does not shift the sequence another fault sees.
        double draw = random.nextDouble();
        return rate > 0 && draw < rate;
    }

    /**
     * A sliding one-second window per limit; throttled calls do not count against it. A limit named
     * {@code GetParameter,GetParameters} is one window the listed operations share, as Parameter Store's
     * throughput quota is; {@code *} gives each operation without a limit of its own a window of its own.
     */
    private boolean overTpsLimit(String operation) {
        String limitName = null;
        for (String name : tpsLimits.keySet()) {
            if (name.equals(operation) || (name.contains(",") && List.of(name.split(",")).contains(operation))) {
                limitName = name;
                break;
            }
        }
        String windowName = limitName != null ? limitName : operation;
        Integer limit = limitName != null ? tpsLimits.get(limitName) : tpsLimits.get("*");
        if (limit == null) {
            return false;
        }
        long now = nanoTime.getAsLong();
        ArrayDeque<Long> window = admitted.computeIfAbsent(windowName, o -> new ArrayDeque<>());
        while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) {
            window.removeFirst();
        }
        if (window.size() >= limit) {
            return true;
        }
        window.addLast(now);
        return false;
    }

    public synchronized void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    public synchronized Duration latency() {
        return latency;
    }

    public synchronized void throttleRate(double rate) {
        this.throttleRate = checkRate("throttle rate", rate);
    }

    public synchronized double throttleRate() {
        return throttleRate;
    }

    public synchronized void serverErrorRate(double rate) {
        this.serverErrorRate = checkRate("server error rate", rate);
    }

    public synchronized double serverErrorRate() {
        return serverErrorRate;
    }

    public synchronized void dropConnectionRate(double rate) {
        this.dropConnectionRate = checkRate("drop connection rate", rate);
    }

    public synchronized double dropConnectionRate() {
        return dropConnectionRate;
    }

    /**
     * Caps an operation (e.g. {@code GetParameters}), operations sharing one cap ({@code GetParameter,GetParameters})
     * or each operation ({@code *}) at n calls per second.
     */
    public synchronized void tpsLimit(String operations, int callsPerSecond) {
        if (callsPerSecond < 0) {
            throw new IllegalArgumentException("a TPS limit must not be negative: " + callsPerSecond);
        }
        String name = operations.replace(" ", "");
        tpsLimits.put(name, callsPerSecond);
        admitted.clear();
    }

    public synchronized Map<String, Integer> tpsLimits() {
        return Map.copyOf(tpsLimits);
    }

    public synchronized void seed(long seed) {
        random = new Random(seed);
    }

    public synchronized void clear() {
        latency = Duration.ZERO;
        throttleRate = 0;
        serverErrorRate = 0;
        dropConnectionRate = 0;
        tpsLimits.clear();
        admitted.clear();
    }

    private static double checkRate(String what, double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("The " + what + " must be between 0 and 1, not " + rate);
        }
        return rate;
    }
}
