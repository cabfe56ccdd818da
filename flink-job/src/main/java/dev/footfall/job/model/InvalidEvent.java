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
 * @param anonymousId the record's {@code anonymousId} when readable, else null
 * @param userId the record's {@code userId} when readable, else null
 * @param visitorId the gateway's cookieless {@code visitorId} when readable, else null; the three
 *     ids let a right-to-erasure request find a person's rejected records too
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
        byte[] key,
        String anonymousId,
        String userId,
        String visitorId) {
}
