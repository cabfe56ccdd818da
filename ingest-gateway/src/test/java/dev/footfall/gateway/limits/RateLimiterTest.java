package dev.footfall.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void shouldAllowTheBurstThenRefillAtTheRate() {
        RateLimiter limiter = new RateLimiter(2, 3, nanos::get);

        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).as("seconds to wait").isEqualTo(1);

        nanos.addAndGet(500_000_000L); // half a second at 2/s refills one token
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(1);
        assertThat(limiter.tryAcquire("b")).as("keys are independent").isZero();
    }

    @Test
    void shouldTellSlowRefillsInWholeSeconds() {
        RateLimiter limiter = new RateLimiter(0.1, 1, nanos::get);

        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isEqualTo(10);
    }

    @Test
    void shouldDropBucketsOnlyOnceTheyRefilled() {
        RateLimiter limiter = new RateLimiter(1, 2, nanos::get);
        limiter.tryAcquire("busy");
        limiter.tryAcquire("idle");
        nanos.addAndGet(500_000_000L);
        limiter.tryAcquire("busy");

        nanos.addAndGet(600_000_000L);
        limiter.evictIdle();

        assertThat(limiter.trackedKeys()).as("'idle' refilled to its burst, 'busy' did not").isEqualTo(1);
    }

    @Test
    void shouldAllowEverythingWhenDisabled() {
        RateLimiter limiter = new RateLimiter(0, 0, nanos::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("a")).isZero();
        }
        assertThat(limiter.isEnabled()).isFalse();
        assertThat(limiter.trackedKeys()).isZero();
    }
}
