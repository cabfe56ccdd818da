package dev.footfall.console.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Days, weeks and months are the site's: a range is read in its time zone. */
class DateRangesTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void todayIsTodayWhereTheSiteIs() {
        // 20:00 UTC on 1 March is 01:30 on 2 March in Kolkata (UTC+05:30).
        Instant now = Instant.parse("2026-03-01T20:00:00Z");
        QueryPeriod day = DateRanges.shorthand("day", KOLKATA, now).orElseThrow();
        assertThat(day.from()).isEqualTo(Instant.parse("2026-03-01T18:30:00Z"));
        assertThat(day.to()).isEqualTo(Instant.parse("2026-03-02T18:30:00Z"));
        // For a UTC site the same instant is still 1 March.
        assertThat(DateRanges.shorthand("day", ZoneId.of("UTC"), now).orElseThrow().from())
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void relativeDaysAreWholeDaysBeforeToday() {
        Instant now = Instant.parse("2026-03-02T12:00:00Z");
        QueryPeriod week = DateRanges.shorthand("7d", KOLKATA, now).orElseThrow();
        assertThat(week.firstDay()).hasToString("2026-02-23");
        assertThat(week.lastDay()).hasToString("2026-03-01");
        assertThat(DateRanges.shorthand("28d", KOLKATA, now).orElseThrow().firstDay()).hasToString("2026-02-02");
        assertThat(DateRanges.shorthand("30d", KOLKATA, now).orElseThrow().firstDay()).hasToString("2026-01-31");
        assertThat(DateRanges.shorthand("91d", KOLKATA, now).orElseThrow().firstDay()).hasToString("2025-12-01");
    }

    @Test
    void monthsAreCalendarMonths() {
        Instant now = Instant.parse("2026-03-02T12:00:00Z");
        QueryPeriod month = DateRanges.shorthand("month", NEW_YORK, now).orElseThrow();
        assertThat(month.firstDay()).hasToString("2026-03-01");
        assertThat(month.lastDay()).hasToString("2026-03-31");
        QueryPeriod six = DateRanges.shorthand("6mo", NEW_YORK, now).orElseThrow();
        assertThat(six.firstDay()).hasToString("2025-09-01");
        assertThat(six.lastDay()).hasToString("2026-02-28");
        QueryPeriod year = DateRanges.shorthand("year", NEW_YORK, now).orElseThrow();
        assertThat(year.firstDay()).hasToString("2026-01-01");
        assertThat(year.lastDay()).hasToString("2026-12-31");
    }

    @Test
    void aDayWithoutItsTwoOClockHourIsTwentyThreeHoursLong() {
        // New York springs forward on 8 March 2026: 02:00 does not exist.
        QueryPeriod day = DateRanges.custom("2026-03-08", "2026-03-08", NEW_YORK);
        assertThat(day.length()).isEqualTo(Duration.ofHours(23));
        assertThat(day.echo()).containsExactly("2026-03-08T00:00:00-05:00", "2026-03-08T23:59:59-04:00");
    }

    @Test
    void instantsAreTakenAsGivenWithTheLastSecondIncluded() {
        QueryPeriod p = DateRanges.custom("2026-03-01T10:00:00+01:00", "2026-03-01T12:00:00Z", KOLKATA);
        assertThat(p.from()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(p.to()).isEqualTo(Instant.parse("2026-03-01T12:00:01Z"));
        assertThatThrownBy(() -> DateRanges.custom("2026-03-01", "2026-03-01T12:00:00Z", KOLKATA))
                .hasMessageContaining("two dates");
    }
}
