package dev.footfall.dashboards.translate;

import java.time.Duration;
import java.time.Instant;

/** The absolute time range a dashboard shows (OSD resolves now-7d and friends to this). */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("time range must end after it starts: " + from + " .. " + to);
        }
    }

    public static TimeRange lastMinutes(Instant to, long minutes) {
        return new TimeRange(to.minus(Duration.ofMinutes(minutes)), to);
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
