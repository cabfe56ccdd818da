package dev.footfall.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The two date formats of the contract: the UTC day that names a daily index ({@code yyyy.MM.dd},
 * {@link #DAY_FORMAT}) and the timestamp text of every date field (ISO-8601 in UTC with
 * milliseconds, {@link #timestamp}). The writer formats millions of them, so both are made by
 * hand from a small cache of recent days instead of through a formatter each time.
 */
public final class IndexDays {

    /** The date suffix of a daily index: {@code 2026.03.01}. */
    public static final DateTimeFormatter DAY_FORMAT = DateTimeFormatter.ofPattern("yyyy.MM.dd");

    private static final long DAY_MS = 86_400_000L;
    private static final DateTimeFormatter DASHED_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IndexDays() {
    }

    /** The UTC day number of a time: two times share a daily index exactly when these are equal. */
    public static long day(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MS);
    }

    /** A UTC day (epoch day) as index names write it: {@code 2026.03.01}. */
    public static String dotted(long epochDay) {
        return dayText(epochDay).dotted;
    }

    /** The day a {@code yyyy.MM.dd} suffix names, or empty when it is not one. */
    public static Optional<LocalDate> parseDotted(String suffix) {
        if (suffix.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(suffix, DAY_FORMAT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** ISO-8601 in UTC with milliseconds, the one date format of every document. */
    public static String timestamp(long epochMillis) {
        DayText day = dayText(Math.floorDiv(epochMillis, DAY_MS));
        if (day.dashed == null) {
            return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
        }
        // Every document carries two to four timestamps: formatting by hand, with the date of the
        // day cached, costs a fraction of DateTimeFormatter's work and writes the same text.
        int ms = (int) Math.floorMod(epochMillis, DAY_MS);
        char[] text = new char[24];
        day.dashed.getChars(0, 10, text, 0);
        text[10] = 'T';
        twoDigits(text, 11, ms / 3_600_000);
        text[13] = ':';
        twoDigits(text, 14, ms / 60_000 % 60);
        text[16] = ':';
        twoDigits(text, 17, ms / 1000 % 60);
        text[19] = '.';
        int millis = ms % 1000;
        text[20] = (char) ('0' + millis / 100);
        twoDigits(text, 21, millis % 100);
        text[23] = 'Z';
        return new String(text);
    }

    private static void twoDigits(char[] text, int at, int value) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }

    /**
     * The date texts of the recently used days. Racy on purpose: entries are immutable, so a
     * thread sees either a complete entry or recomputes it.
     */
    private static final DayText[] DAYS = new DayText[64];

    private static DayText dayText(long day) {
        int slot = (int) (day & (DAYS.length - 1));
        DayText text = DAYS[slot];
        if (text == null || text.day != day) {
            text = new DayText(day);
            DAYS[slot] = text;
        }
        return text;
    }

    /** One UTC day as index names and timestamps write it. */
    private static final class DayText {
        final long day;
        /** {@code 2026.03.01}, for index names. */
        final String dotted;
        /** {@code 2026-03-01}, for timestamps; null for years that do not take four digits. */
        final String dashed;

        DayText(long day) {
            LocalDate date = LocalDate.ofEpochDay(day);
            this.day = day;
            this.dotted = date.format(DAY_FORMAT);
            this.dashed = date.getYear() >= 1 && date.getYear() <= 9999 ? date.format(DASHED_DAY) : null;
        }
    }
}
