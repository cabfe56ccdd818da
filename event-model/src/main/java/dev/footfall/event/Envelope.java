package dev.footfall.event;

import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway adds to every event before it goes to Kafka.
 *
 * @param receivedAt when the gateway received the request (the clock the event time is corrected to)
 * @param siteId the site the write key or origin belongs to
 * @param clientAddress the client address truncated to /24 (IPv4) or /48 (IPv6); never the raw one
 * @param visitorId the cookieless visitor id (daily-salted hash) when the client sent no anonymousId
 */
public record Envelope(Instant receivedAt, String siteId, String clientAddress, String visitorId) {

    public Envelope {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(siteId, "siteId");
    }
}
