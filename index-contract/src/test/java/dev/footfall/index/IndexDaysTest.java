package dev.footfall.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-made timestamps and daily names must be the very text java.time writes. */
class IndexDaysTest {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void shouldFormatTimestampsAndDailyIndicesAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000L, 4_102_444_799_999L,
                253_402_300_799_999L, -62_135_596_800_000L};
        for (long t : edges) {
            assertSame(t);
        }
        for (int i = 0; i < 100_000; i++) {
            assertSame(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
        }
    }

    @Test
    void shouldNameADailyIndexByTheUtcDayOfItsTime() {
        // 2026-03-01T23:59:59.999Z is the last millisecond of March 1st in UTC; one more is March 2nd.
        long lastOfMarchFirst = Instant.parse("2026-03-01T23:59:59.999Z").toEpochMilli();
        assertThat(IndexFamily.SESSIONS.dailyIndex(lastOfMarchFirst)).isEqualTo("footfall-sessions-2026.03.01");
        assertThat(IndexFamily.SESSIONS.dailyIndex(lastOfMarchFirst + 1)).isEqualTo("footfall-sessions-2026.03.02");
        assertThat(IndexDays.day(lastOfMarchFirst)).isNotEqualTo(IndexDays.day(lastOfMarchFirst + 1));
        assertThat(IndexFamily.SESSIONS.dailyIndex(LocalDate.of(2026, 3, 1))).isEqualTo("footfall-sessions-2026.03.01");
        assertThat(IndexDays.timestamp(lastOfMarchFirst)).isEqualTo("2026-03-01T23:59:59.999Z");
    }

    private static void assertSame(long epochMillis) {
        assertThat(IndexDays.timestamp(epochMillis)).as("timestamp of %d", epochMillis)
                .isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis)));
        assertThat(IndexFamily.EVENTS.dailyIndex(epochMillis)).as("index of %d", epochMillis)
                .isEqualTo("footfall-events-" + DateTimeFormatter.ofPattern("yyyy.MM.dd")
                        .format(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate()));
    }
}
