package dev.secretbaker.local.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FaultInjector faults = new FaultInjector(nanos::get);

    @Test
    void aTpsLimit_admitsNCallsPerSlidingSecond() {
        faults.tpsLimit("GetParameters", 2);

        assertThat(faults.decide("GetParameters").throttle()).isFalse();
        assertThat(faults.decide("GetParameters").throttle()).isFalse();
        assertThat(faults.decide("GetParameters").throttle()).isTrue();
        assertThat(faults.decide("GetParameter").throttle()).isFalse();
        nanos.addAndGet(1_000_000_000L);
        assertThat(faults.decide("GetParameters").throttle()).isFalse();
    }

    @Test
    void aSharedTpsLimit_countsEveryListedOperationAgainstOneWindow() {
        faults.tpsLimit("GetParameter,GetParameters", 2);

        assertThat(faults.decide("GetParameter").throttle()).isFalse();
        assertThat(faults.decide("GetParameters").throttle()).isFalse();
        assertThat(faults.decide("GetParameter").throttle()).isTrue();
        assertThat(faults.decide("DescribeParameters").throttle()).isFalse();
    }

    @Test
    void aWildcardTpsLimit_givesEachOperationItsOwnWindow() {
        faults.tpsLimit("*", 1);

        assertThat(faults.decide("Encrypt").throttle()).isFalse();
        assertThat(faults.decide("Decrypt").throttle()).isFalse();
        assertThat(faults.decide("Decrypt").throttle()).isTrue();
    }

    @Test
    void theSameSeed_givesTheSameFaults() {
        faults.seed(3);
        faults.throttleRate(0.5);
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            first.append(faults.decide("Op").throttle() ? 'T' : '.');
        }
        faults.seed(3);
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            second.append(faults.decide("Op").throttle() ? 'T' : '.');
        }

        assertThat(second.toString()).isEqualTo(first.toString()).contains("T", ".");
    }

    @Test
    void ratesOutsideZeroToOne_areRefused() {
        assertThatThrownBy(() -> faults.throttleRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.dropConnectionRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.serverErrorRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
