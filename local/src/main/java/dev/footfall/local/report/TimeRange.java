package dev.footfall.local.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A half-open time range [from, to) as the report's {@code --from}/{@code --to} give it. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
    }

    /** The report's default: the last 24 hours. */
    public static TimeRange lastDay(Instant now) {
        return new TimeRange(now.minus(Duration.ofHours(24)), now);
    }

    /**
     * Parses a bound: {@code now}, a relative offset such as {@code -24h}, {@code -7d},
     * {@code -30m}, an ISO instant or offset date-time, or a date (midnight UTC).
     */
    public static Instant parseBound(String text, Instant now) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("now")) {
            return now;
        }
        if (value.startsWith("-") && value.length() > 2) {
            long amount;
            try {
                amount = Long.parseLong(value.substring(1, value.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot read time '" + text + "': use e.g. -24h, -7d, -30m");
            }
            switch (value.charAt(value.length() - 1)) {
                case 'm': return now.minus(Duration.ofMinutes(amount));
                case 'h': return now.minus(Duration.ofHours(amount));
                case 'd': return now.minus(Duration.ofDays(amount));
                default: throw new IllegalArgumentException("cannot read time '" + text + "': use m, h or d");
            }
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw new IllegalArgumentException("cannot read time '" + text
                        + "': use now, -24h, -7d, 2026-03-01 or 2026-03-01T12:00:00Z");
            }
        }
    }
}
