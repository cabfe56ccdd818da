package dev.footfall.event;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;

/**
 * The validation rules, in one place, shared by the gateway (at the door) and the job (again,
 * because anything can be written into a Kafka topic). {@link #check} returns the event with its
 * time resolved, or the first rule it breaks.
 */
public final class EventRules {

    private final Limits limits;

    public EventRules(Limits limits) {
        this.limits = limits;
    }

    public static EventRules defaults() {
        return new EventRules(Limits.DEFAULTS);
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Checks an event that carries its envelope.
     *
     * @param sizeBytes the UTF-8 size of the event as the client sent it
     * @return the event with {@code timestamp} set to the corrected event time and
     *     {@code originalTimestamp} to the client's own reading
     */
    public Outcome<TrackedEvent> check(TrackedEvent event, int sizeBytes) {
        if (event.envelope() == null || event.siteId() == null || event.siteId().isBlank()) {
            return Outcome.rejected(ReasonCode.MISSING_SITE, "the event has no site");
        }
        if (sizeBytes > limits.maxEventBytes()) {
            return Outcome.rejected(ReasonCode.EVENT_TOO_LARGE,
                    "the event is " + sizeBytes + " bytes; the limit is " + limits.maxEventBytes());
        }
        Rejection broken = firstBrokenRule(event);
        if (broken != null) {
            return Outcome.rejected(broken);
        }
        Instant clientTime = event.originalTimestamp() != null ? event.originalTimestamp() : event.timestamp();
        return EventTime.resolve(event.envelope().receivedAt(), event.sentAt(), clientTime, limits)
                .then(time -> Outcome.accepted(event.toBuilder()
                        .originalTimestamp(clientTime)
                        .timestamp(time)
                        .build()));
    }

    /**
     * Checks a record of the raw topic, as the job reads it: the rules of {@link #check} plus the
     * message id the gateway always assigns (the job deduplicates by it). The size limit is for the
     * event as the client sent it, so the envelope the gateway added is not counted against it.
     *
     * @param recordBytes the size of the whole raw-topic record
     */
    public Outcome<TrackedEvent> checkRecord(TrackedEvent event, int recordBytes) {
        if (event.envelope() == null) {
            return check(event, recordBytes);
        }
        if (event.messageId() == null) {
            return Outcome.rejected(ReasonCode.MISSING_MESSAGE_ID,
                    "a raw-topic record needs the 'messageId' the gateway assigns");
        }
        return check(event, Math.max(0, recordBytes - envelopeBytes(event.envelope())));
    }

    /**
     * The size rule of {@link #checkRecord} alone, for a writer of the raw topic to apply to the
     * record it is about to write. The gateway adds more than the envelope (a message id, the
     * resolved timestamp, the request's User-Agent), so a body just under the limit can become a
     * record the job refuses as too large; checked before writing, such an event is refused with a
     * 400 instead of being acknowledged and then dead-lettered.
     *
     * @param event an event with its envelope
     * @param recordBytes the size of the record that would be written
     * @return null when the record fits
     */
    public Rejection recordSizeProblem(TrackedEvent event, int recordBytes) {
        int eventBytes = Math.max(0, recordBytes - envelopeBytes(event.envelope()));
        if (eventBytes <= limits.maxEventBytes()) {
            return null;
        }
        return Rejection.of(ReasonCode.EVENT_TOO_LARGE, "with what the gateway adds (message id, timestamp, "
                + "User-Agent) the event is " + eventBytes + " bytes; the limit is " + limits.maxEventBytes());
    }

    /**
     * The bytes the envelope's fields take in the record (quotes, keys, separators included): the
     * size of {@code {"receivedAt":...,"siteId":...}} as the shared mapper writes it. Counted
     * without building and writing that object, except for values holding surrogates, which the
     * mapper writes in ways simple counting would not match (escaped pairs, lone halves).
     */
    private static int envelopeBytes(Envelope envelope) {
        String receivedAt = envelope.receivedAt().toString();
        if (hasSurrogate(envelope.siteId()) || hasSurrogate(envelope.clientAddress())
                || hasSurrogate(envelope.visitorId())) {
            return envelopeBytesAsWritten(envelope);
        }
        int bytes = 2 + fieldBytes(EventCodec.RECEIVED_AT, receivedAt) + 1 + fieldBytes(EventCodec.SITE_ID,
                envelope.siteId());
        if (envelope.clientAddress() != null) {
            bytes += 1 + fieldBytes(EventCodec.CLIENT_ADDRESS, envelope.clientAddress());
        }
        if (envelope.visitorId() != null) {
            bytes += 1 + fieldBytes(EventCodec.VISITOR_ID, envelope.visitorId());
        }
        return bytes;
    }

    /** {@code "key":"value"} in UTF-8 with the value escaped as JSON (keys are plain ASCII). */
    private static int fieldBytes(String key, String value) {
        return key.length() + 3 + 2 + JsonStringEncoder.getInstance().quoteAsUTF8(value).length;
    }

    private static boolean hasSurrogate(String value) {
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                if (Character.isSurrogate(value.charAt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int envelopeBytesAsWritten(Envelope envelope) {
        com.fasterxml.jackson.databind.node.ObjectNode fields = StrictJson.mapper().createObjectNode();
        fields.put(EventCodec.RECEIVED_AT, envelope.receivedAt().toString());
        fields.put(EventCodec.SITE_ID, envelope.siteId());
        if (envelope.clientAddress() != null) {
            fields.put(EventCodec.CLIENT_ADDRESS, envelope.clientAddress());
        }
        if (envelope.visitorId() != null) {
            fields.put(EventCodec.VISITOR_ID, envelope.visitorId());
        }
        try {
            return StrictJson.mapper().writeValueAsBytes(fields).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot measure the envelope", e);
        }
    }

    private Rejection firstBrokenRule(TrackedEvent e) {
        Rejection r = checkIds(e);
        if (r == null) {
            r = checkTypeSpecificFields(e);
        }
        if (r == null) {
            r = checkName("event", e.event());
        }
        if (r == null) {
            r = checkName("name", e.name());
        }
        if (r == null) {
            r = checkPropertyCount("properties", e.properties());
        }
        if (r == null) {
            r = checkPropertyCount("traits", e.traits());
        }
        if (r == null) {
            r = checkTree("properties", e.properties());
        }
        if (r == null) {
            r = checkTree("traits", e.traits());
        }
        if (r == null) {
            r = checkTree("context", e.context().other());
        }
        return r;
    }

    private Rejection checkIds(TrackedEvent e) {
        String[][] ids = {
            {"messageId", e.messageId()}, {"anonymousId", e.anonymousId()}, {"userId", e.userId()},
            {"groupId", e.groupId()}, {"previousId", e.previousId()},
        };
        for (String[] id : ids) {
            if (id[1] != null && (id[1].length() > limits.maxIdLength() || hasControlCharacter(id[1]))) {
                return Rejection.of(ReasonCode.INVALID_ID, "'" + id[0] + "' must be at most "
                        + limits.maxIdLength() + " characters without control characters");
            }
        }
        if (e.visitorKey() == null) {
            return Rejection.of(ReasonCode.MISSING_IDENTITY, "an event needs 'userId' or 'anonymousId'");
        }
        return null;
    }

    private static Rejection checkTypeSpecificFields(TrackedEvent e) {
        switch (e.type()) {
            case TRACK:
                if (e.event() == null || e.event().isBlank()) {
                    return Rejection.of(ReasonCode.MISSING_EVENT_NAME, "a track event needs an 'event' name");
                }
                return null;
            case IDENTIFY:
                if (e.userId() == null && e.traits().isEmpty()) {
                    return Rejection.of(ReasonCode.MISSING_USER_ID, "identify needs a 'userId' (or traits)");
                }
                return null;
            case GROUP:
                return e.groupId() == null
                        ? Rejection.of(ReasonCode.MISSING_GROUP_ID, "group needs a 'groupId'") : null;
            case ALIAS:
                if (e.userId() == null) {
                    return Rejection.of(ReasonCode.MISSING_USER_ID, "alias needs a 'userId'");
                }
                return e.previousId() == null
                        ? Rejection.of(ReasonCode.MISSING_PREVIOUS_ID, "alias needs a 'previousId'") : null;
            default:
                return null;
        }
    }

    private Rejection checkName(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > limits.maxNameLength() || hasControlCharacter(value)) {
            return Rejection.of(ReasonCode.INVALID_EVENT_NAME, "'" + field + "' must be 1-" + limits.maxNameLength()
                    + " characters without control characters");
        }
        return null;
    }

    private Rejection checkPropertyCount(String field, JsonNode object) {
        if (object.size() > limits.maxProperties()) {
            return Rejection.of(ReasonCode.TOO_MANY_PROPERTIES, "'" + field + "' has " + object.size()
                    + " keys; the limit is " + limits.maxProperties());
        }
        return null;
    }

    /** Depth and number checks in one walk; iterative so hostile depth cannot overflow the stack. */
    private Rejection checkTree(String field, JsonNode root) {
        java.util.ArrayDeque<JsonNode> nodes = new java.util.ArrayDeque<>();
        java.util.ArrayDeque<Integer> depths = new java.util.ArrayDeque<>();
        nodes.push(root);
        depths.push(0);
        while (!nodes.isEmpty()) {
            JsonNode node = nodes.pop();
            int depth = depths.pop();
            if (node.isContainerNode()) {
                if (depth > limits.maxDepth()) {
                    return Rejection.of(ReasonCode.NESTING_TOO_DEEP, "'" + field + "' is nested deeper than "
                            + limits.maxDepth() + " levels");
                }
                Iterator<JsonNode> children = node.elements();
                while (children.hasNext()) {
                    nodes.push(children.next());
                    depths.push(depth + 1);
                }
            } else if (node.isNumber() && (node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return Rejection.of(ReasonCode.INVALID_NUMBER, "'" + field + "' holds a number too large to represent");
            }
        }
        return null;
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
