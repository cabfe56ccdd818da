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
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IndexNames() {
    }

    /** The daily index of a family for a time in epoch ms, e.g. {@code footfall-events-2026.03.01}. */
    public static String daily(String family, long epochMillis) {
        return family + LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MS)).format(DAY);
    }

    /** The UTC day number of a time: two times share a daily index exactly when these are equal. */
    public static long day(long epochMillis) {
        return Math.floorDiv(epochMillis, DAY_MS);
    }

    /** ISO-8601 in UTC with milliseconds, the one date format of every document. */
    public static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
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
