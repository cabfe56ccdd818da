package dev.footfall.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds a {@link TrackedEvent}. Example:
 *
 * <pre>{@code
 * TrackedEvent signup = TrackedEvent.builder(EventType.TRACK)
 *         .event("Signed Up").anonymousId("a-1").messageId("m-1")
 *         .envelope(new Envelope(now, "site-1", "203.0.113.0", null))
 *         .build();
 * }</pre>
 */
public final class TrackedEventBuilder {
    private EventType type;
    private String messageId;
    private String anonymousId;
    private String userId;
    private String event;
    private String name;
    private String groupId;
    private String previousId;
    private ObjectNode properties;
    private ObjectNode traits;
    private EventContext context;
    private Instant timestamp;
    private Instant originalTimestamp;
    private Instant sentAt;
    private Envelope envelope;

    TrackedEventBuilder(EventType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    TrackedEventBuilder(TrackedEvent e) {
        this(e.type());
        messageId = e.messageId();
        anonymousId = e.anonymousId();
        userId = e.userId();
        event = e.event();
        name = e.name();
        groupId = e.groupId();
        previousId = e.previousId();
        properties = e.properties();
        traits = e.traits();
        context = e.context();
        timestamp = e.timestamp();
        originalTimestamp = e.originalTimestamp();
        sentAt = e.sentAt();
        envelope = e.envelope();
    }

    public TrackedEventBuilder type(EventType value) { type = Objects.requireNonNull(value, "type"); return this; }
    public TrackedEventBuilder messageId(String value) { messageId = value; return this; }
    public TrackedEventBuilder anonymousId(String value) { anonymousId = value; return this; }
    public TrackedEventBuilder userId(String value) { userId = value; return this; }
    public TrackedEventBuilder event(String value) { event = value; return this; }
    public TrackedEventBuilder name(String value) { name = value; return this; }
    public TrackedEventBuilder groupId(String value) { groupId = value; return this; }
    public TrackedEventBuilder previousId(String value) { previousId = value; return this; }
    public TrackedEventBuilder properties(ObjectNode value) { properties = value; return this; }
    public TrackedEventBuilder traits(ObjectNode value) { traits = value; return this; }
    public TrackedEventBuilder context(EventContext value) { context = value; return this; }
    public TrackedEventBuilder timestamp(Instant value) { timestamp = value; return this; }
    public TrackedEventBuilder originalTimestamp(Instant value) { originalTimestamp = value; return this; }
    public TrackedEventBuilder sentAt(Instant value) { sentAt = value; return this; }
    public TrackedEventBuilder envelope(Envelope value) { envelope = value; return this; }

    public TrackedEvent build() {
        return new TrackedEvent(type, messageId, anonymousId, userId, event, name, groupId, previousId,
                properties, traits, context, timestamp, originalTimestamp, sentAt, envelope);
    }
}
