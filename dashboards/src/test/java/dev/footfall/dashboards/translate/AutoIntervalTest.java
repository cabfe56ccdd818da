package dev.footfall.dashboards.translate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AutoIntervalTest {

    private static final Instant END = Instant.parse("2025-03-14T12:00:00Z");

    private static Duration auto(Duration range) {
        return AutoInterval.resolve("auto", new TimeRange(END.minus(range), END));
    }

    @Test
    void autoPicksAboutFiftyPrettyBucketsLikeOpenSearchDashboards() {
        assertThat(auto(Duration.ofDays(7))).isEqualTo(Duration.ofHours(3));
        assertThat(auto(Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(30));
        assertThat(auto(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
        assertThat(auto(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(auto(Duration.ofDays(90))).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aFixedIntervalIsScaledUpPastOneHundredBuckets() {
        TimeRange month = new TimeRange(END.minus(Duration.ofDays(30)), END);
        assertThat(AutoInterval.resolve("1h", month)).isEqualTo(Duration.ofHours(3));
        assertThat(AutoInterval.resolve("d", month)).isEqualTo(Duration.ofDays(1));
        // OSD's table has nothing between 1h and 3h, so 7 days of hours stay hourly (168 bars).
        TimeRange week = new TimeRange(END.minus(Duration.ofDays(7)), END);
        assertThat(AutoInterval.resolve("1h", week)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void singleUnitsOfAMinuteOrMoreAreCalendarIntervals() {
        assertThat(AutoInterval.toOpenSearch(Duration.ofMinutes(1))).containsExactly("calendar_interval", "1m");
        assertThat(AutoInterval.toOpenSearch(Duration.ofDays(1))).containsExactly("calendar_interval", "1d");
        assertThat(AutoInterval.toOpenSearch(Duration.ofDays(7))).containsExactly("calendar_interval", "1w");
        assertThat(AutoInterval.toOpenSearch(Duration.ofHours(3))).containsExactly("fixed_interval", "3h");
        assertThat(AutoInterval.toOpenSearch(Duration.ofSeconds(1))).containsExactly("fixed_interval", "1s");
        assertThat(AutoInterval.toOpenSearch(Duration.ofMinutes(30))).containsExactly("fixed_interval", "30m");
        assertThat(AutoInterval.toOpenSearch(Duration.ofDays(365))).containsExactly("fixed_interval", "365d");
    }
}
