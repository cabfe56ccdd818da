package dev.footfall.dashboards.opensearch;

import dev.footfall.config.Durations;
import java.time.Duration;

/**
 * How long the indices of a family are kept, written in the one duration grammar
 * ({@link Durations}: {@code 90d}, {@code 2y}, {@code 12h}, {@code 4w}). Years count as 365 days
 * because ISM's {@code min_index_age} knows no calendar years.
 */
public record RetentionAge(Duration duration) {

    public RetentionAge {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a retention age must be positive, got " + Durations.format(duration));
        }
    }

    public static RetentionAge parse(String text) {
        return parse("retention age", text);
    }

    /** @param setting the option or variable the text came from, for the error message */
    public static RetentionAge parse(String setting, String text) {
        Duration duration = Durations.parse(setting, text);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(setting + ": a retention age must be positive, got '" + text + "'");
        }
        return new RetentionAge(duration);
    }

    /** The same age as an OpenSearch time value ({@code 730d}, {@code 36h}) for ISM conditions. */
    public String toTimeValue() {
        long ms = duration.toMillis();
        long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    @Override
    public String toString() {
        return toTimeValue();
    }
}
