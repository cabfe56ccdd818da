package dev.footfall.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps between JSON and {@link TrackedEvent}: Segment messages from clients, the design
 * document's {@code {name, data}} shape, and the records of the raw Kafka topic. Every method
 * returns an {@link Outcome}; wrong types become {@link ReasonCode#WRONG_TYPE} naming the field.
 */
public final class EventCodec {

    /** Envelope fields are top-level in raw-topic records; clients cannot set them. */
    public static final String RECEIVED_AT = "receivedAt";
    public static final String SITE_ID = "siteId";
    public static final String CLIENT_ADDRESS = "clientAddress";
    public static final String VISITOR_ID = "visitorId";

    private static final Set<String> CONTEXT_KEYS =
            Set.of("page", "campaign", "library", "screen", "userAgent", "locale", "timezone", "ip");

    private EventCodec() {
    }

    /**
     * Reads a client's Segment message.
     *
     * @param impliedType the type the route implies ({@code /v1/track} means track, whatever the
     *     body says, as Segment does); null for batch elements, which must carry their own type
     */
    public static Outcome<TrackedEvent> fromClientJson(JsonNode node, EventType impliedType) {
        return read(node, impliedType, false);
    }

    /** Reads the minimal {@code {"name": ..., "data": {...}}} as a track event. */
    public static Outcome<TrackedEvent> fromSimpleEvent(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Outcome.rejected(ReasonCode.NOT_AN_OBJECT, "the body must be a JSON object");
        }
        try {
            Fields fields = new Fields(node, "");
            String eventName = fields.string("name");
            if (eventName == null || eventName.isBlank()) {
                return Outcome.rejected(ReasonCode.MISSING_EVENT_NAME, "'name' is required");
            }
            return Outcome.accepted(TrackedEvent.builder(EventType.TRACK)
                    .event(eventName)
                    .properties(fields.object("data"))
                    .build());
        } catch (FieldRejected e) {
            return Outcome.rejected(e.rejection);
        }
    }

    /** Reads a record of the raw topic (a client message plus the gateway's envelope). */
    public static Outcome<TrackedEvent> fromRecord(byte[] bytes) {
        return StrictJson.parse(bytes).then(node -> read(node, null, true));
    }

    /**
     * Writes the raw-topic form: the Segment message with envelope fields at the top level,
     * fields in a stable order, nulls and empty objects left out.
     */
    public static byte[] toRecord(TrackedEvent event) {
        return RawRecordWriter.write(event);
    }

    private static Outcome<TrackedEvent> read(JsonNode node, EventType impliedType, boolean withEnvelope) {
        if (node == null || !node.isObject()) {
            return Outcome.rejected(ReasonCode.NOT_AN_OBJECT, "an event must be a JSON object");
        }
        try {
            Fields f = new Fields(node, "");
            EventType type = impliedType != null ? impliedType : type(f);
            TrackedEventBuilder b = TrackedEvent.builder(type)
                    .messageId(f.id("messageId"))
                    .anonymousId(f.id("anonymousId"))
                    .userId(f.id("userId"))
                    .event(f.string("event"))
                    .name(f.string("name"))
                    .groupId(f.id("groupId"))
                    .previousId(f.id("previousId"))
                    .properties(f.object("properties"))
                    .traits(f.object("traits"))
                    .context(context(f.object("context")))
                    .timestamp(f.instant("timestamp"))
                    .originalTimestamp(f.instant("originalTimestamp"))
                    .sentAt(f.instant("sentAt"));
            if (withEnvelope) {
                b.envelope(envelope(f));
            }
            return Outcome.accepted(b.build());
        } catch (FieldRejected e) {
            return Outcome.rejected(e.rejection);
        }
    }

    private static EventType type(Fields f) {
        String wire = f.string("type");
        if (wire == null) {
            throw new FieldRejected(ReasonCode.MISSING_TYPE, "'type' is required");
        }
        return EventType.fromWire(wire).orElseThrow(() -> new FieldRejected(ReasonCode.UNKNOWN_TYPE,
                "'type' must be one of track, page, screen, identify, group, alias"));
    }

    private static Envelope envelope(Fields f) {
        Instant receivedAt = f.instant(RECEIVED_AT);
        String siteId = f.string(SITE_ID);
        if (siteId == null || siteId.isBlank() || receivedAt == null) {
            throw new FieldRejected(ReasonCode.MISSING_SITE,
                    "a raw-topic record needs the gateway's 'siteId' and 'receivedAt'");
        }
        return new Envelope(receivedAt, siteId, f.string(CLIENT_ADDRESS), f.id(VISITOR_ID));
    }

    private static EventContext context(ObjectNode node) {
        if (node == null || node.isEmpty()) {
            return EventContext.EMPTY;
        }
        Fields f = new Fields(node, "context.");
        ObjectNode other = StrictJson.mapper().createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!CONTEXT_KEYS.contains(entry.getKey())) {
                other.set(entry.getKey(), entry.getValue());
            }
        }
        return new EventContext(f.nested("page", EventCodec::page), f.nested("campaign", EventCodec::campaign),
                f.nested("library", EventCodec::library), f.nested("screen", EventCodec::screen),
                f.string("userAgent"), f.string("locale"), f.string("timezone"), f.string("ip"), other);
    }

    private static PageContext page(Fields f) {
        return new PageContext(f.string("url"), f.string("path"), f.string("search"), f.string("title"),
                f.string("referrer"));
    }

    private static Campaign campaign(Fields f) {
        return new Campaign(f.string("name"), f.string("source"), f.string("medium"), f.string("term"),
                f.string("content"));
    }

    private static Library library(Fields f) {
        return new Library(f.string("name"), f.string("version"));
    }

    private static Screen screen(Fields f) {
        return new Screen(f.integer("width"), f.integer("height"), f.decimal("density"));
    }

    /** Typed reads of one object's fields; a wrong type aborts the read with a rejection. */
    private static final class Fields {
        private final JsonNode node;
        private final String path;

        Fields(JsonNode node, String path) {
            this.node = node;
            this.path = path;
        }

        private JsonNode get(String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : value;
        }

        /** Strings; numbers and booleans are taken as their text, as Segment's SDKs do. */
        String string(String key) {
            JsonNode value = get(key);
            if (value == null) {
                return null;
            }
            if (value.isContainerNode()) {
                throw wrongType(key, "a string");
            }
            return value.asText();
        }

        /** Ids: like strings, but an empty id counts as absent. */
        String id(String key) {
            String value = string(key);
            return value == null || value.isEmpty() ? null : value;
        }

        ObjectNode object(String key) {
            JsonNode value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isObject()) {
                throw wrongType(key, "an object");
            }
            return (ObjectNode) value;
        }

        /**
         * The object under {@code key} as {@code read} makes it, its fields named by their whole
         * path ({@code context.page.url}) in a rejection; null when the object is absent.
         */
        <T> T nested(String key, Function<Fields, T> read) {
            ObjectNode value = object(key);
            return value == null ? null : read.apply(new Fields(value, path + key + "."));
        }

        Integer integer(String key) {
            JsonNode value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isNumber() || !value.canConvertToInt()) {
                throw wrongType(key, "an integer");
            }
            return value.intValue();
        }

        Double decimal(String key) {
            JsonNode value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                throw wrongType(key, "a finite number");
            }
            return value.doubleValue();
        }

        Instant instant(String key) {
            String value = string(key);
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return IsoTimestamps.parse(value);
            } catch (DateTimeParseException e) {
                throw new FieldRejected(ReasonCode.INVALID_TIMESTAMP,
                        "'" + path + key + "' must be an ISO-8601 date-time with offset, e.g. 2026-01-31T12:00:00.000Z");
            }
        }

        private FieldRejected wrongType(String key, String expected) {
            return new FieldRejected(ReasonCode.WRONG_TYPE, "'" + path + key + "' must be " + expected);
        }
    }

    /** Internal control flow only: caught at this class's boundary and turned into an Outcome. */
    private static final class FieldRejected extends RuntimeException {
        private final Rejection rejection;

        FieldRejected(ReasonCode reason, String message) {
            super(message, null, false, false);
            this.rejection = Rejection.of(reason, message);
        }
    }
}
