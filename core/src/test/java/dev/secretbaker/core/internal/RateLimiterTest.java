package dev.secretbaker.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Long> sleeps = new ArrayList<>();
    private final RateLimiter limiter = new RateLimiter(20, 3, now::get, nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void callsWithinTheBurst_doNotWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }

        assertThat(sleeps).isEmpty();
    }

    @Test
    void callsBeyondTheBurst_areSpacedByTheRate() throws Exception {
        for (int i = 0; i < 5; i++) {
            limiter.acquire();
        }

        // 20 per second: one call every 50 ms once the burst is spent.
        assertThat(sleeps).containsExactly(50_000_000L, 50_000_000L);
    }

    @Test
    void idleTime_refillsTheBurst_butNoMore() throws Exception {
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 3; i++) {
            limiter.acquire();
        }
        limiter.acquire();

        assertThat(sleeps).containsExactly(50_000_000L);
    }
}
