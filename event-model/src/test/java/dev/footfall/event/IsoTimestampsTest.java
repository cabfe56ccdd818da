package dev.footfall.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast paths must accept, reject and read exactly what {@link OffsetDateTime#parse} does, and
 * write exactly what {@link Instant#toString} writes.
 */
class IsoTimestampsTest {

    @Test
    void shouldReadWhatOffsetDateTimeReads() {
        for (String text : List.of("2026-01-31T12:00:00.000Z", "2026-01-31T12:00:00Z", "2026-01-31T12:00:00.1Z",
                "2026-01-31T12:00:00.123456789Z", "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00.000Z", "2026-01-31T12:00:00.000+02:00",
                "2026-01-31t12:00:00.000z", "2026-01-31T12:00Z", "2026-01-31T12:00:00.000-00:30")) {
            assertThat(IsoTimestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void shouldTreatEdgeCasesAsOffsetDateTimeDoes() {
        for (String text : List.of("2026-02-30T12:00:00.000Z", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-00-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-31T24:00:00Z", "2026-01-31T12:60:00Z",
                "2026-01-31T12:00:60Z", "2026-01-31T12:00:00.Z", "2026-01-31T12:00:00.1234567890Z",
                "2026-01-31 12:00:00Z", "2026-01-31T12:00:00", "+2026-01-31T12:00:00Z", "2026-1-31T12:00:00Z",
                "2026-01-31T12:00:0xZ", "\uFF12\uFF10\uFF12\uFF16-01-31T12:00:00Z", "", "2026-01-31T12:00:00.000+18:01",
                "2026-01-31T12:00:00ZZ", "12026-01-31T12:00:00Z")) {
            Object expected;
            try {
                expected = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                expected = DateTimeParseException.class;
            }
            if (expected instanceof Instant) {
                assertThat(IsoTimestamps.parse(text)).as(text).isEqualTo(expected);
            } else {
                assertThatThrownBy(() -> IsoTimestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            }
        }
    }

    @Test
    void shouldReadRandomInstantsAsTheirTextSays() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertThat(IsoTimestamps.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Test
    void shouldWriteWhatInstantToStringWrites() {
        for (Instant instant : List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.MIN, Instant.MAX, Instant.ofEpochSecond(-1, 1),
                Instant.parse("2024-02-29T12:34:56.100Z"), Instant.parse("2026-01-31T12:00:00.000120Z"),
                Instant.parse("2026-01-31T12:00:00.000000001Z"), Instant.parse("1969-12-31T23:59:59.999Z"))) {
            assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
        }
        SplittableRandom random = new SplittableRandom(12);
        int[] units = {1, 1_000, 1_000_000, 1_000_000_000};
        for (int i = 0; i < 100_000; i++) {
            // every fraction width: none, milliseconds, microseconds, nanoseconds
            int unit = units[random.nextInt(units.length)];
            Instant instant = Instant.ofEpochSecond(random.nextLong(-63_000_000_000L, 254_000_000_000L),
                    random.nextInt(1_000_000_000) / unit * unit % 1_000_000_000);
            assertThat(IsoTimestamps.format(instant)).isEqualTo(instant.toString());
        }
    }
}
