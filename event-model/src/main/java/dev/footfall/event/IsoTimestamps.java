package dev.footfall.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads ISO-8601 date-times with an offset, exactly as {@link OffsetDateTime#parse} does (same
 * accepted texts, same instants, the same {@link DateTimeParseException} otherwise), with a fast
 * path for the form every browser and the gateway write, {@code 2026-01-31T12:00:00.000Z}; and
 * writes instants exactly as {@link Instant#toString} does. Each event carries three or four of
 * them, and the general parser and formatter cost more than the rest of the field reading and
 * writing together.
 */
final class IsoTimestamps {

    private static final int[] NANO_SCALE = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years {@link #format} writes itself. */
    private static final long MIN_FAST_SECOND = -62_167_219_200L;
    private static final long MAX_FAST_SECOND = 253_402_300_799L;

    private IsoTimestamps() {
    }

    static Instant parse(String text) {
        Instant fast = parseUtc(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, valid values only; null for anything else. */
    private static Instant parseUtc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (t.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(t, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANO_SCALE[fractionDigits - 1];
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the general parser rejects it with its own message
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600 + minute * 60 + second, nanos);
    }

    /**
     * {@link Instant#toString}'s text: {@code yyyy-MM-ddTHH:mm:ss}, then the fraction in groups of
     * three digits only when there is one, then {@code Z}. Written by hand for years 0 to 9999;
     * the rare others (signed, wider years) go to {@code toString} itself.
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_FAST_SECOND || seconds > MAX_FAST_SECOND) {
            return instant.toString();
        }
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        put(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, secondOfDay % 60, 2);
        if (fractionDigits > 0) {
            out[19] = '.';
            put(out, 20, nanos / NANO_SCALE[fractionDigits - 1], fractionDigits);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** {@code value} as exactly {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
