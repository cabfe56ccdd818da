package dev.footfall.dashboards.opensearch;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long the indices of a family are kept, written as {@code 90d}, {@code 2y}, {@code 12h} or
 * {@code 4w}. Years count as 365 days because ISM's {@code min_index_age} knows no calendar years.
 */
public record RetentionAge(Duration duration) {

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)([hdwy])");

    public RetentionAge {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a retention age must be positive");
        }
    }

    public static RetentionAge parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "retention age '" + text + "' is not a number followed by h, d, w or y (for example 90d or 2y)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "y" -> Duration.ofDays(365 * n);
            default -> throw new IllegalStateException();
        };
        return new RetentionAge(d);
    }

    /** The same age as an OpenSearch time value ({@code 730d}, {@code 36h}) for ISM conditions. */
    public String toTimeValue() {
        return duration.toHours() % 24 == 0 ? duration.toDays() + "d" : duration.toHours() + "h";
    }

    @Override
    public String toString() {
        return toTimeValue();
    }
}
