package dev.footfall.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One Segment message (track, page, screen, identify, group or alias) plus the gateway's
 * {@link Envelope}. docs/event-spec.md describes every field.
 *
 * @param event the track event name
 * @param name the page or screen name
 * @param timestamp when the event happened; after the gateway (or {@link EventRules}) this is
 *     the clock-skew corrected event time
 * @param originalTimestamp the client's own clock reading for the event, as sent
 * @param sentAt the client's clock when it sent the request
 * @param envelope null until the gateway has added it
 */
public record TrackedEvent(
        EventType type,
        String messageId,
        String anonymousId,
        String userId,
        String event,
        String name,
        String groupId,
        String previousId,
        ObjectNode properties,
        ObjectNode traits,
        EventContext context,
        Instant timestamp,
        Instant originalTimestamp,
        Instant sentAt,
        Envelope envelope) {

    public TrackedEvent {
        properties = properties == null ? JsonNodeFactory.instance.objectNode() : properties;
        traits = traits == null ? JsonNodeFactory.instance.objectNode() : traits;
        context = context == null ? EventContext.EMPTY : context;
    }

    /** Starts a builder for tests and for the gateway's minimal {@code /api/events} mapping. */
    public static TrackedEventBuilder builder(EventType type) {
        return new TrackedEventBuilder(type);
    }

    /** A builder holding this event's values, to derive a changed copy. */
    public TrackedEventBuilder toBuilder() {
        return new TrackedEventBuilder(this);
    }

    /**
     * The key a visitor's events share: the client's anonymous id, else the gateway's cookieless
     * visitor id, else the user id. Sessions are per (site, visitor key) and Kafka partitions by it.
     */
    public String visitorKey() {
        if (anonymousId != null) {
            return anonymousId;
        }
        if (envelope != null && envelope.visitorId() != null) {
            return envelope.visitorId();
        }
        return userId;
    }

    /** The site id, or null before the gateway added the envelope. */
    public String siteId() {
        return envelope == null ? null : envelope.siteId();
    }

    /** Kafka record key: site and visitor, so a visitor's events stay ordered on one partition. */
    public String partitionKey() {
        return siteId() + "/" + visitorKey();
    }
}
