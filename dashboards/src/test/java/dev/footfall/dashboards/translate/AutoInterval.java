package dev.footfall.dashboards.translate;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The date-histogram interval OSD 2.19 picks (data plugin, time_buckets): "auto" aims at
 * {@code histogram:barTarget} = 50 buckets, rounded to a pretty interval; any interval is scaled up
 * when it would make more than {@code histogram:maxBars} = 100 buckets. The result is written as
 * OSD writes it: {@code calendar_interval} for one whole unit of a minute or more, else
 * {@code fixed_interval}.
 */
public final class AutoInterval {

    static final int BAR_TARGET = 50;
    static final int MAX_BARS = 100;

    private record Bound(Duration bound, Duration interval) {
    }

    private static final long YEAR_MS = Duration.ofDays(365).toMillis();
    private static final long MONTH_MS = Duration.ofDays(30).toMillis();

    // Same table as calc_auto_interval.ts (moment: a year is 365 days, a month 30 days).
    private static final List<Bound> BOUNDS = List.of(
            new Bound(Duration.ofMillis(Long.MAX_VALUE), Duration.ofMillis(YEAR_MS)),
            new Bound(Duration.ofMillis(YEAR_MS), Duration.ofMillis(MONTH_MS)),
            new Bound(Duration.ofDays(21), Duration.ofDays(7)),
            new Bound(Duration.ofDays(7), Duration.ofDays(1)),
            new Bound(Duration.ofHours(24), Duration.ofHours(12)),
            new Bound(Duration.ofHours(6), Duration.ofHours(3)),
            new Bound(Duration.ofHours(2), Duration.ofHours(1)),
            new Bound(Duration.ofMinutes(45), Duration.ofMinutes(30)),
            new Bound(Duration.ofMinutes(20), Duration.ofMinutes(10)),
            new Bound(Duration.ofMinutes(9), Duration.ofMinutes(5)),
            new Bound(Duration.ofMinutes(3), Duration.ofMinutes(1)),
            new Bound(Duration.ofSeconds(45), Duration.ofSeconds(30)),
            new Bound(Duration.ofSeconds(15), Duration.ofSeconds(10)),
            new Bound(Duration.ofMillis(7500), Duration.ofSeconds(5)),
            new Bound(Duration.ofSeconds(5), Duration.ofSeconds(1)),
            new Bound(Duration.ofMillis(500), Duration.ofMillis(100)));

    private static final Pattern INTERVAL = Pattern.compile("(\\d*)(ms|s|m|h|d|w|M|y)");

    private AutoInterval() {
    }

    /** The interval OSD would use for the saved {@code interval} param over {@code range}. */
    public static Duration resolve(String interval, TimeRange range) {
        long durationMs = range.duration().toMillis();
        Duration chosen = "auto".equals(interval) || interval == null || interval.isEmpty()
                ? near(BAR_TARGET, durationMs)
                : parse(interval);
        if (durationMs / (double) chosen.toMillis() > MAX_BARS) {
            chosen = lessThan(MAX_BARS, durationMs);
        }
        return chosen;
    }

    /** {@code {"fixed_interval": "30m"}} or {@code {"calendar_interval": "1h"}}, as OSD writes it. */
    public static String[] toOpenSearch(Duration interval) {
        String expression = expression(interval);
        Matcher m = INTERVAL.matcher(expression);
        if (!m.matches()) {
            throw new IllegalStateException(expression);
        }
        boolean subMinuteUnit = m.group(2).equals("ms") || m.group(2).equals("s");
        boolean single = m.group(1).isEmpty() || Long.parseLong(m.group(1)) == 1;
        return new String[] {!subMinuteUnit && single ? "calendar_interval" : "fixed_interval", expression};
    }

    static Duration near(int targetBuckets, long durationMs) {
        double perBucket = durationMs / (double) targetBuckets;
        for (int i = 0; i < BOUNDS.size(); i++) {
            if (BOUNDS.get(i).bound().toMillis() <= perBucket) {
                return BOUNDS.get(i - 1).interval();
            }
        }
        return Duration.ofMillis(Math.max((long) Math.floor(perBucket), 1));
    }

    static Duration lessThan(int maxBuckets, long durationMs) {
        double perBucket = durationMs / (double) maxBuckets;
        for (Bound b : BOUNDS) {
            if (b.interval().toMillis() <= perBucket) {
                return b.interval();
            }
        }
        return Duration.ofMillis(Math.max((long) Math.floor(perBucket), 1));
    }

    /**
     * Normalised expression: the largest unit that divides evenly. An interval built from
     * milliseconds is never a whole moment year or month (those are 365.2425 and 30.44 days), so
     * OSD writes a "year" as 365d and a "month" as 30d; so does this.
     */
    static String expression(Duration d) {
        long ms = d.toMillis();
        long[] unitMs = {Duration.ofDays(7).toMillis(), Duration.ofDays(1).toMillis(), Duration.ofHours(1).toMillis(),
                Duration.ofMinutes(1).toMillis(), 1000};
        String[] units = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms >= unitMs[i] && ms % unitMs[i] == 0) {
                return (ms / unitMs[i]) + units[i];
            }
        }
        return ms + "ms";
    }

    static Duration parse(String interval) {
        Matcher m = INTERVAL.matcher(interval);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported date_histogram interval '" + interval + "'");
        }
        long n = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofMillis(MONTH_MS * n);
            case "y" -> Duration.ofMillis(YEAR_MS * n);
            default -> throw new IllegalStateException();
        };
    }
}
