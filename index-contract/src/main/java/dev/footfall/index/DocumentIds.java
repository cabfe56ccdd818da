package dev.footfall.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic id of every document, exactly as docs/index-schema.md defines them: a replay
 * of the same input derives the same id, so at-least-once writes overwrite instead of
 * duplicating, and a reader can find a document from what identifies it.
 */
public final class DocumentIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DocumentIds() {
    }

    /** {@code footfall-events-*}: {@code {site_id}:{message_id}}. */
    public static String eventId(String siteId, String messageId) {
        return siteId + ":" + messageId;
    }

    /** {@code footfall-rollups-*}: {@code {site_id}:{window_start_millis}:{dimension}:{hash(key)}}. */
    public static String rollupId(String siteId, long windowStart, String dimension, String key) {
        return siteId + ":" + windowStart + ":" + dimension + ":" + hash(key);
    }

    /** {@code footfall-health-*}: {@code {site_id}:{window_start_millis}}. */
    public static String healthId(String siteId, long windowStart) {
        return siteId + ":" + windowStart;
    }

    /** {@code footfall-invalid-*}: {@code {topic}-{partition}-{offset}} of the rejected record. */
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

    /**
     * {@code footfall-goals-*}: {@code {site_id}:{hash(goal name)}:{message_id}}, one per (site,
     * goal, event). The goal is named by a hash of its name (names are free text), so the live job
     * and a backfill write the same document.
     */
    public static String goalId(String siteId, String goalName, String messageId) {
        return goalIdPrefix(siteId, goalName) + messageId;
    }

    /** {@link #goalId} without the message id, for a writer that computes it once per goal. */
    public static String goalIdPrefix(String siteId, String goalName) {
        return siteId + ":" + hash(goalName) + ":";
    }

    /**
     * {@code footfall-funnels-*}: 32 hex digits of the SHA-256 of (site, funnel name, funnel id,
     * visitor, hash of the message id of the event that started the attempt), so replays, restarts
     * and backfills derive the same id, and an edited funnel (a new funnel id) never overwrites the
     * attempts of the old one.
     */
    public static String funnelAttemptId(String siteId, String funnelName, String funnelId, String visitorId,
            long startMessageHash) {
        return sha256Hex(siteId + '\u0000' + funnelName + '\u0000' + funnelId + '\u0000' + visitorId + '\u0000'
                + Long.toHexString(startMessageHash), 16);
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
