package dev.footfall.console.query;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Time buckets in the site's time zone, labelled as Plausible labels them: {@code 2024-01-31}
 * for days, weeks (the Monday, or the range's first day when the week began before the range)
 * and months (the first day), {@code 2024-01-31 13:00:00} for hours.
 */
final class TimeBuckets {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private TimeBuckets() {
    }

    /** The {@code calendar_interval} of OpenSearch's {@code date_histogram}. */
    static String interval(Dimension d) {
        return switch (d.kind().granularity()) {
            case HOUR -> "1h";
            case DAY -> "1d";
            case WEEK -> "1w";
            case MONTH -> "1M";
            default -> throw new IllegalStateException("time is resolved before a query runs: " + d);
        };
    }

    /** The label of the bucket starting at {@code startMillis} (a local-time boundary of the site's zone). */
    static String label(Dimension d, long startMillis, QueryPeriod period) {
        ZonedDateTime start = Instant.ofEpochMilli(startMillis).atZone(period.zone());
        return switch (d.kind().granularity()) {
            case HOUR -> HOUR.format(start);
            case WEEK -> {
                LocalDate day = start.toLocalDate();
                yield (day.isBefore(period.firstDay()) ? period.firstDay() : day).toString();
            }
            default -> start.toLocalDate().toString();
        };
    }

    /** Every bucket label of the period, in order ({@code include.time_labels}). */
    static List<String> labels(Dimension d, QueryPeriod period) {
        ZoneId zone = period.zone();
        List<String> labels = new ArrayList<>();
        ZonedDateTime first = period.from().atZone(zone);
        ZonedDateTime t = switch (d.kind().granularity()) {
            case HOUR -> first.truncatedTo(ChronoUnit.HOURS);
            case DAY -> first.toLocalDate().atStartOfDay(zone);
            case WEEK -> first.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTH -> first.toLocalDate().withDayOfMonth(1).atStartOfDay(zone);
            default -> throw new IllegalStateException("time is resolved before a query runs: " + d);
        };
        while (t.toInstant().isBefore(period.to())) {
            labels.add(label(d, t.toInstant().toEpochMilli(), period));
            t = switch (d.kind().granularity()) {
                case HOUR -> t.plusHours(1);
                case DAY -> t.toLocalDate().plusDays(1).atStartOfDay(zone);
                case WEEK -> t.toLocalDate().plusWeeks(1).atStartOfDay(zone);
                default -> t.toLocalDate().plusMonths(1).atStartOfDay(zone);
            };
        }
        return labels;
    }
}
