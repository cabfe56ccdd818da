package dev.footfall.bench.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the history benchmark loads and how long it measures: {@code days} whole days of one
 * site's traffic in the site's time zone, about {@code events} events in them, and the rounds of
 * queries timed over exactly those days.
 *
 * @param events      events whose time falls in the queried days (the generator runs at the rate
 *                    that gives this many; the job keeps the valid, unique ones)
 * @param visitors    the visitor pool: visits pick a visitor from it, so visitors return across days
 * @param warmupRounds rounds run before timing, so the JIT, OpenSearch's caches of index
 *                    structures and the page cache are warm
 * @param rounds      timed rounds: each times every query and the floor once
 */
public record HistoryPlan(String mode, long events, int days, LocalDate firstDay, ZoneId zone, long visitors, long seed,
        int warmupRounds, int rounds) {

    /** The one site of the history. */
    public static final String SITE = dev.footfall.bench.traffic.BenchSites.HISTORY.id();
    /**
     * Traffic starts this long before the first queried day, so the first day opens with visits
     * already under way and sessions already in the job's state, as any real day does.
     */
    static final Duration LEAD_IN = Duration.ofHours(4);
    /** The loader stops reading traffic this long after the last day, so records sent late still arrive. */
    static final Duration TAIL = Duration.ofMinutes(30);
    /**
     * Changes whenever the generated traffic changes, so an old history on disk is not reused for
     * a new one. The job's code and the index templates are part of the fingerprint too.
     */
    static final int TRAFFIC_VERSION = 1;

    /** The scale's plan, with another volume or number of timed rounds where given. */
    public static HistoryPlan forMode(String mode, Long events, Integer rounds) {
        HistoryPlan plan = switch (mode) {
            case "full" -> new HistoryPlan(mode, 10_000_000, 30, LocalDate.of(2026, 1, 5), ZoneId.of("Europe/Berlin"),
                    1_000_000, 20260105L, 5, 60);
            case "quick" -> new HistoryPlan(mode, 500_000, 30, LocalDate.of(2026, 1, 5), ZoneId.of("Europe/Berlin"),
                    50_000, 20260105L, 3, 20);
            case "tiny" -> new HistoryPlan(mode, 6_000, 2, LocalDate.of(2026, 1, 5), ZoneId.of("Europe/Berlin"),
                    500, 20260105L, 1, 3);
            default -> throw new IllegalArgumentException("unknown scale '" + mode + "' (full, quick, tiny)");
        };
        HistoryPlan sized = events == null ? plan : plan.withEvents(events);
        return rounds == null ? sized : sized.withRounds(rounds);
    }

    /** The same plan with another volume (and a visitor pool in proportion: a tenth of the events). */
    public HistoryPlan withEvents(long count) {
        if (count < 1000) {
            throw new IllegalArgumentException("a history needs at least 1,000 events, got " + count);
        }
        return new HistoryPlan(mode, count, days, firstDay, zone, Math.max(100, count / 10), seed, warmupRounds, rounds);
    }

    /**
     * The same plan timed over another number of rounds, after a fifth as many warm-up rounds (at
     * least one). The rounds are not part of the history: a loaded one is reused.
     */
    public HistoryPlan withRounds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the history needs at least 1 timed round, got " + count);
        }
        return new HistoryPlan(mode, events, days, firstDay, zone, visitors, seed, Math.max(1, count / 5), count);
    }

    public LocalDate lastDay() {
        return firstDay.plusDays(days - 1L);
    }

    /** The first instant of the queried days (midnight of the first day in the site's zone). */
    public Instant from() {
        return firstDay.atStartOfDay(zone).toInstant();
    }

    /** The end of the queried days (exclusive). */
    public Instant to() {
        return lastDay().plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Events per second of event time that put {@link #events} into the queried days. */
    public double eventsPerSecond() {
        return events / (double) Duration.between(from(), to()).toSeconds();
    }

    /** The Stats API's {@code date_range} of the queried days. */
    public String dateRangeJson() {
        return "[\"" + firstDay + "\", \"" + lastDay() + "\"]";
    }
}
