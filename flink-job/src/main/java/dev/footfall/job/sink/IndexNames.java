package dev.footfall.job.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Index names and deterministic document ids, exactly as docs/index-schema.md defines them.
 * Daily indices are named by the UTC date of the document's {@code @timestamp}.
 */
public final class IndexNames {

    public static final String EVENTS = "footfall-events-";
    public static final String SESSIONS = "footfall-sessions-";
    public static final String ROLLUPS = "footfall-rollups-";
    public static final String INVALID = "footfall-invalid-";
    public static final String HEALTH = "footfall-health-";

    private static final long DAY_MS = 86_400_000L;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    private static final DateTimeFormatter DASHED_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IndexNames() {
    }

    /** The daily index of a family for a time in epoch ms, e.g. {@code footfall-events-2026.03.01}. */
    public static String daily(String family, long epochMillis) {
        return family + dayText(Math.floorDiv(epochMillis, DAY_MS)).dotted;
    }

    /** The UTC day number of a time: two times share a daily index exactly when these are equal. */
    public static long day(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MS);
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
            this.dotted = date.format(DAY);
            this.dashed = date.getYear() >= 1 && date.getYear() <= 9999 ? date.format(DASHED_DAY) : null;
        }
    }

    public static String eventId(String siteId, String messageId) {
        return siteId + ":" + messageId;
    }

    public static String rollupId(String siteId, long windowStart, String dimension, String key) {
        return siteId + ":" + windowStart + ":" + dimension + ":" + hash(key);
    }

    public static String healthId(String siteId, long windowStart) {
        return siteId + ":" + windowStart;
    }

    public static String invalidId(String topic, int partition, long offset) {
        return topic + "-" + partition + "-" + offset;
    }

    /**
     * A session's id: derived from the site, the visitor and the message id of the event that
     * opened it, so a replay after a restart derives the same id (see docs/flink-job.md).
     */
    public static String sessionId(String siteId, String visitorId, String openingMessageId) {
        return sha256Hex(siteId + '\u0000' + visitorId + '\u0000' + openingMessageId, 16);
    }

    /** The first 16 hex digits of the SHA-256 of the key: rollup keys can be long free text. */
    public static String hash(String key) {
        return sha256Hex(key, 8);
    }

    private static String sha256Hex(String text, int bytes) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        char[] out = new char[bytes * 2];
        for (int i = 0; i < bytes; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
