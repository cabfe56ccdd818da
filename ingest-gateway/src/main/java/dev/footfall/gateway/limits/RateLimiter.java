package dev.footfall.gateway.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per key (a client address or a write key): {@code perSecond} tokens refill per
 * second up to {@code burst}; one request takes one token. A rate of 0 disables the limiter.
 * Buckets that have refilled completely are dropped by {@link #evictIdle()}, so memory follows
 * the number of currently active clients, not every address ever seen.
 */
public final class RateLimiter {

    private final double perSecond;
    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final class Bucket {
        private double tokens = burst;
        private long last = nanoClock.getAsLong();

        /** 0 when a token was taken; otherwise the nanoseconds until one will be there. */
        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * perNano);
                last = now;
            }
        }
    }

    public RateLimiter(double perSecond, double burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoClock = nanoClock;
    }

    public static RateLimiter disabled() {
        return new RateLimiter(0, 1, System::nanoTime);
    }

    public boolean isEnabled() {
        return perNano > 0;
    }

    /**
     * Takes a token for the key.
     *
     * @return 0 when the request may proceed, else the whole seconds to wait (for Retry-After)
     */
    public long tryAcquire(String key) {
        if (perNano <= 0) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket()).take(now);
        return waitNanos == 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Drops buckets that are full again: their clients are idle and would start afresh anyway. */
    public void evictIdle() {
        long now = nanoClock.getAsLong();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    /** The limit in words, for the message of a 429: {@code "5 requests per second (bursts of 20)"}. */
    public String describe() {
        return number(perSecond) + " requests per second (bursts of " + number(burst) + ")";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    public int trackedKeys() {
        return buckets.size();
    }
}
