package dev.footfall.bench.soak;

import java.time.Duration;

/**
 * How a soak runs: how long, how hard, how often it samples, and the job's state lifetimes.
 *
 * <p>The job keeps a message id for the dedup TTL (24 h in production) and a session for the gap
 * plus the allowed lateness (30 min + 1 h): under new traffic its state grows for that long by
 * design. The soak shortens those lifetimes so that its duration covers several of them, and
 * whatever still grows after that grows for another reason.
 *
 * @param visitors visitor pool: large, so a visitor comes back hours later as on a real site,
 *     not every two minutes (a small pool keeps every session open for the whole run)
 * @param liveHeapEvery every so many samples the stack runs a full collection first, so the
 *     heap it reports is what is live, not old garbage the collector has not reached yet; rarely,
 *     because a full collection of a 2 GB heap stops the stack for seconds on a busy machine
 */
public record SoakPlan(
        String mode,
        Duration duration,
        Duration sampleInterval,
        int liveHeapEvery,
        int eventsPerSecond,
        long visitors,
        Duration dedupTtl,
        Duration sessionGap,
        Duration allowedLateness,
        String stackHeap,
        Duration drainDeadline) {

    public static final int DEFAULT_MINUTES = 30;

    /** The plan for a bench scale; {@code minutes} overrides the duration when given. */
    public static SoakPlan forMode(String mode, Integer minutes) {
        SoakPlan plan = "tiny".equals(mode)
                ? new SoakPlan(mode, Duration.ofSeconds(45), Duration.ofSeconds(5), 3, 200, 1_000_000,
                        Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20), "1500m",
                        Duration.ofSeconds(90))
                : new SoakPlan(mode, Duration.ofMinutes(DEFAULT_MINUTES), Duration.ofSeconds(20), 15, 1000, 5_000_000,
                        Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5), "2g",
                        Duration.ofMinutes(3));
        if (minutes != null) {
            if (minutes < 1) {
                throw new IllegalArgumentException("--soak-minutes must be at least 1, got " + minutes);
            }
            plan = plan.withDuration(Duration.ofMinutes(minutes));
        }
        return plan;
    }

    public SoakPlan withDuration(Duration value) {
        return new SoakPlan(mode, value, sampleInterval, liveHeapEvery, eventsPerSecond, visitors, dedupTtl, sessionGap,
                allowedLateness, stackHeap, drainDeadline);
    }

    /** How long one state entry can live at most: the longest of the job's lifetimes, set here. */
    public Duration longestStateLifetime() {
        Duration session = sessionGap.plus(allowedLateness);
        return session.compareTo(dedupTtl) > 0 ? session : dedupTtl;
    }
}
