package dev.footfall.job.model;

/**
 * A raw-topic record that failed validation, with everything needed to find it again.
 *
 * @param siteId the site when it could be read from the record, else null
 * @param receivedAt the gateway's receipt time in epoch ms when readable, else null
 * @param timestamp when the record counts: {@code receivedAt} when readable, else the Kafka
 *     record timestamp
 * @param payload the whole record as UTF-8 text (invalid bytes replaced)
 * @param payloadBytes the record's size in bytes
 * @param key the record's Kafka key, passed on unchanged to the dead-letter topic
 */
public record InvalidEvent(
        String reason,
        String message,
        String siteId,
        Long receivedAt,
        long timestamp,
        String payload,
        int payloadBytes,
        String topic,
        int partition,
        long offset,
        byte[] key) {
}
