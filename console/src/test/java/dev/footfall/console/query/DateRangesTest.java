package dev.footfall.console.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * Relative days are whole days before today; {@code month} and {@code year} are the current
     * calendar ones, whole, and {@code 6mo} the six whole months before this one. Today is 2 March
     * 2026 both in Kolkata and in New York (12:00 UTC).
     */
    @ParameterizedTest(name = "{0} in {1}: {2} .. {3}")
    @CsvSource({
        // 23..28 February and 1 March: 6 + 1 = 7 days.
        "7d,    Asia/Kolkata,     2026-02-23, 2026-03-01",
        // 2..28 February and 1 March: 27 + 1 = 28.
        "28d,   Asia/Kolkata,     2026-02-02, 2026-03-01",
        // 31 January, 28 days of February, 1 March: 1 + 28 + 1 = 30.
        "30d,   Asia/Kolkata,     2026-01-31, 2026-03-01",
        // December, January, February, 1 March: 31 + 31 + 28 + 1 = 91.
        "91d,   Asia/Kolkata,     2025-12-01, 2026-03-01",
        "month, America/New_York, 2026-03-01, 2026-03-31",
        // The six whole months before March.
        "6mo,   America/New_York, 2025-09-01, 2026-02-28",
        "year,  America/New_York, 2026-01-01, 2026-12-31"})
    void shorthandsAreWholeLocalDays(String shorthand, ZoneId zone, String firstDay, String lastDay) {
        QueryPeriod period = DateRanges.shorthand(shorthand, zone, Instant.parse("2026-03-02T12:00:00Z")).orElseThrow();
        assertThat(period.firstDay()).hasToString(firstDay);
        assertThat(period.lastDay()).hasToString(lastDay);
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
