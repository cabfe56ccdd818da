package dev.footfall.console.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The time a query covers: the half-open interval {@code [from, to)} and the site's time zone, in
 * which days, weeks and months are counted. Built by {@link DateRanges}.
 */
public record QueryPeriod(Instant from, Instant to, ZoneId zone) {

    /** As Plausible echoes a range: local time with the zone's offset, to the second. */
    static final DateTimeFormatter ECHO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    public QueryPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the range must end after it starts (" + from + " .. " + to + ")");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The local day of the first instant. */
    public LocalDate firstDay() {
        return from.atZone(zone).toLocalDate();
    }

    /** The local day of the last instant inside the range. */
    public LocalDate lastDay() {
        return to.minusMillis(1).atZone(zone).toLocalDate();
    }

    /** {@code [first, last]} as the response's {@code query.date_range} shows it (last second inclusive). */
    public String[] echo() {
        return new String[] {
            ECHO.format(from.atZone(zone)),
            ECHO.format(to.minusSeconds(1).atZone(zone))
        };
    }
}
