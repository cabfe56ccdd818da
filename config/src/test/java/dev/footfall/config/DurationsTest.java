package dev.footfall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shouldReadEveryUnitOfTheGrammar() {
        assertThat(Durations.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("x", "30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("x", "24h")).isEqualTo(Duration.ofHours(24));
        assertThat(Durations.parse("x", "90d")).isEqualTo(Duration.ofDays(90));
        // 4 weeks = 4 * 7 = 28 days; 2 years = 2 * 365 = 730 days (no calendar years).
        assertThat(Durations.parse("x", "4w")).isEqualTo(Duration.ofDays(28));
        assertThat(Durations.parse("x", "2y")).isEqualTo(Duration.ofDays(730));
        assertThat(Durations.parse("x", " 15 m ")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("x", "PT30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("x", "pt30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("x", "P1D")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("x", "0s")).isZero();
    }

    @Test
    void shouldNameTheSettingAndTheAcceptedFormsWhenTheTextIsNoDuration() {
        for (String bad : new String[] {"soon", "90 days", "30", "1.5h", "-5s", "", "3mo", "99999999999999999999d",
                "99999999999999y"}) {
            assertThatThrownBy(() -> Durations.parse("--wait / FOOTFALL_SETUP_WAIT", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("--wait / FOOTFALL_SETUP_WAIT: '" + bad + "' is not a duration")
                    .hasMessageContaining("ms, s, m, h, d, w or y (365 days)").hasMessageContaining("PT30M");
        }
        assertThatThrownBy(() -> Durations.parse("x", null)).hasMessageContaining("'null' is not a duration");
    }

    @Test
    void shouldFormatTheShortestExactFormThatReadsBack() {
        assertThat(Durations.format(Duration.ofMinutes(30))).isEqualTo("30m");
        assertThat(Durations.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(Durations.format(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.format(Duration.ofDays(730))).isEqualTo("2y");
        assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("14d");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0ms");
        for (Duration d : new Duration[] {Duration.ofDays(90), Duration.ofSeconds(61), Duration.ofDays(365 * 3)}) {
            assertThat(Durations.parse("x", Durations.format(d))).isEqualTo(d);
        }
    }
}
