package dev.footfall.console.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a {@code date_range} into a {@link QueryPeriod} in the site's time zone, as Plausible's
 * Stats API v2 does: "today" is today where the site is, and a day starts at local midnight (on a
 * day that skips midnight, at the first instant that exists).
 *
 * <ul>
 *   <li>{@code day}: today; {@code month}: this calendar month; {@code year}: this calendar year;</li>
 *   <li>{@code 7d}, {@code 28d}, {@code 30d}, {@code 91d}: that many whole days before today;</li>
 *   <li>{@code 6mo}, {@code 12mo}: that many whole calendar months before this one;</li>
 *   <li>{@code all}: from {@link #ALL_TIME_START} to the end of today;</li>
 *   <li>{@code ["2024-01-01", "2024-01-31"]}: both local days included;</li>
 *   <li>{@code ["2024-01-01T00:00:00+03:00", "2024-01-02T12:00:00Z"]}: from the first instant up
 *       to and including the second.</li>
 * </ul>
 */
public final class DateRanges {

    /** Where {@code all} starts: before any data Footfall can hold. */
    public static final LocalDate ALL_TIME_START = LocalDate.of(2000, 1, 1);

    private DateRanges() {
    }

    /** A shorthand such as {@code 7d}; empty when the text is not one. */
    public static Optional<QueryPeriod> shorthand(String text, ZoneId zone, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        String s = text.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "day" -> Optional.of(days(today, today, zone));
            case "month" -> Optional.of(days(today.withDayOfMonth(1), today.withDayOfMonth(today.lengthOfMonth()), zone));
            case "year" -> Optional.of(days(today.withDayOfYear(1), today.withDayOfYear(today.lengthOfYear()), zone));
            case "all" -> Optional.of(days(ALL_TIME_START, today, zone));
            case "7d", "28d", "30d", "91d" -> {
                int n = Integer.parseInt(s.substring(0, s.length() - 1));
                yield Optional.of(days(today.minusDays(n), today.minusDays(1), zone));
            }
            case "6mo", "12mo" -> {
                int n = Integer.parseInt(s.substring(0, s.length() - 2));
                LocalDate thisMonth = today.withDayOfMonth(1);
                yield Optional.of(days(thisMonth.minusMonths(n), thisMonth.minusDays(1), zone));
            }
            default -> Optional.empty();
        };
    }

    /**
     * A custom pair: two dates (local days, both included) or two ISO-8601 date-times with an
     * offset (the second instant included). Throws with the reason when it is neither.
     */
    public static QueryPeriod custom(String first, String last, ZoneId zone) {
        Optional<LocalDate> firstDay = date(first);
        Optional<LocalDate> lastDay = date(last);
        if (firstDay.isPresent() && lastDay.isPresent()) {
            if (lastDay.get().isBefore(firstDay.get())) {
                throw new IllegalArgumentException("the end date is before the start date");
            }
            return days(firstDay.get(), lastDay.get(), zone);
        }
        try {
            Instant from = OffsetDateTime.parse(first).toInstant();
            Instant to = OffsetDateTime.parse(last).toInstant();
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("the end is before the start");
            }
            // Plausible includes the last second of the range; [from, to] is [from, to + 1 s).
            return new QueryPeriod(from, to.plusSeconds(1), zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected two dates (2024-01-31) or two date-times with an offset "
                    + "(2024-01-31T12:00:00+01:00)");
        }
    }

    /** Local days {@code first..last}, both included. */
    public static QueryPeriod days(LocalDate first, LocalDate last, ZoneId zone) {
        return new QueryPeriod(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant(), zone);
    }

    private static Optional<LocalDate> date(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
