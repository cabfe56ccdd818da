package dev.footfall.job.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.event.EventCodec;
import dev.footfall.event.EventContext;
import dev.footfall.event.EventRules;
import dev.footfall.event.EventType;
import dev.footfall.event.Outcome;
import dev.footfall.event.ReasonCode;
import dev.footfall.event.Rejection;
import dev.footfall.event.StrictJson;
import dev.footfall.event.TrackedEvent;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.RawRecord;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.ValidatedRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Applies the shared rules of {@code event-model} to one raw-topic record and flattens a valid
 * event into a {@link ValidEvent}. Never throws: anything unreadable, whatever the bytes, becomes
 * an {@link InvalidEvent} with a reason code. It runs inside the Kafka source's deserializer (see
 * {@link dev.footfall.job.serialization.RawRecordDeserializer}) so the watermarks see event times.
 */
public class ValidateEvent implements MapFunction<RawRecord, ValidatedRecord> {

    private static final long serialVersionUID = 1L;

    /** Longest value kept in a {@code properties_kv} entry. */
    static final int MAX_KV_VALUE_CHARS = 256;

    private transient EventRules rules;

    @Override
    public ValidatedRecord map(RawRecord record) {
        try {
            return validate(record);
        } catch (RuntimeException | StackOverflowError e) {
            // The codec and rules return outcomes instead of throwing; this is the last line that
            // keeps an unforeseen input from failing the job.
            return ValidatedRecord.of(invalid(record, Rejection.of(ReasonCode.MALFORMED_JSON,
                    "unreadable record: " + e.getClass().getSimpleName())));
        }
    }

    private ValidatedRecord validate(RawRecord record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return ValidatedRecord.of(invalid(record, Rejection.of(ReasonCode.EMPTY_BODY, "the record is empty")));
        }
        Outcome<TrackedEvent> outcome = EventCodec.fromRecord(value)
                .then(event -> rules().checkRecord(event, value.length));
        if (!outcome.isAccepted()) {
            return ValidatedRecord.of(invalid(record, outcome.rejection()));
        }
        return ValidatedRecord.of(flatten(outcome.value()));
    }

    private EventRules rules() {
        if (rules == null) {
            rules = EventRules.defaults();
        }
        return rules;
    }

    static ValidEvent flatten(TrackedEvent e) {
        EventContext c = e.context();
        String eventName = switch (e.type()) {
            case TRACK -> e.event();
            case PAGE, SCREEN -> e.name();
            default -> null;
        };
        return new ValidEvent(
                e.siteId(),
                e.messageId(),
                e.type(),
                eventName,
                isInteractive(e),
                e.visitorKey(),
                e.anonymousId(),
                e.userId(),
                e.timestamp().toEpochMilli(),
                e.envelope().receivedAt().toEpochMilli(),
                c.page() == null ? null : c.page().url(),
                c.page() == null ? null : c.page().path(),
                c.page() == null ? null : c.page().search(),
                c.page() == null ? null : c.page().title(),
                c.page() == null ? null : c.page().referrer(),
                c.campaign() == null ? null : c.campaign().name(),
                c.campaign() == null ? null : c.campaign().source(),
                c.campaign() == null ? null : c.campaign().medium(),
                c.campaign() == null ? null : c.campaign().term(),
                c.campaign() == null ? null : c.campaign().content(),
                c.userAgent(),
                c.locale(),
                c.library() == null ? null : c.library().name(),
                c.library() == null ? null : c.library().version(),
                e.envelope().clientAddress() != null ? e.envelope().clientAddress() : c.ip(),
                jsonOrNull(e.properties()),
                keyValues(e.properties()),
                jsonOrNull(e.traits()));
    }

    /**
     * Track events are interactive unless marked otherwise, as analytics tools let a page mark a
     * scroll or video-progress event as not counting against a bounce.
     */
    static boolean isInteractive(TrackedEvent e) {
        if (e.type() != EventType.TRACK) {
            return false;
        }
        JsonNode interactive = e.properties().get("interactive");
        if (interactive != null && interactive.isBoolean() && !interactive.booleanValue()) {
            return false;
        }
        JsonNode nonInteraction = e.properties().get("nonInteraction");
        boolean markedNonInteractive = nonInteraction != null
                && ((nonInteraction.isBoolean() && nonInteraction.booleanValue())
                        || (nonInteraction.isNumber() && nonInteraction.intValue() == 1));
        return !markedNonInteractive;
    }

    /** {@code key=value} for each top-level scalar property: what dashboards can group by. */
    static String[] keyValues(ObjectNode properties) {
        if (properties.isEmpty()) {
            return null;
        }
        List<String> pairs = new ArrayList<>(properties.size());
        Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                String text = value.asText();
                if (text.length() > MAX_KV_VALUE_CHARS) {
                    int cut = MAX_KV_VALUE_CHARS;
                    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                        cut--;
                    }
                    text = text.substring(0, cut);
                }
                pairs.add(field.getKey() + "=" + text);
            }
        }
        return pairs.isEmpty() ? null : pairs.toArray(new String[0]);
    }

    private static String jsonOrNull(ObjectNode node) {
        if (node.isEmpty()) {
            return null;
        }
        try {
            return StrictJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    static InvalidEvent invalid(RawRecord record, Rejection rejection) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String siteId = null;
        Long receivedAt = null;
        String anonymousId = null;
        String userId = null;
        String visitorId = null;
        Outcome<JsonNode> parsed = StrictJson.parse(value);
        if (parsed.isAccepted() && parsed.value().isObject()) {
            JsonNode root = parsed.value();
            siteId = readText(root.get(EventCodec.SITE_ID));
            receivedAt = readInstant(root.get(EventCodec.RECEIVED_AT));
            anonymousId = readText(root.get("anonymousId"));
            userId = readText(root.get("userId"));
            visitorId = readText(root.get(EventCodec.VISITOR_ID));
        }
        long timestamp = receivedAt != null ? receivedAt : record.kafkaTimestamp();
        return new InvalidEvent(
                rejection.code(),
                rejection.message(),
                siteId,
                receivedAt,
                timestamp,
                text(value),
                value.length,
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                anonymousId,
                userId,
                visitorId);
    }

    /** A short, non-blank text value, or null: ids of a broken record are kept only when sane. */
    private static String readText(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > 1024) {
            return null;
        }
        return node.asText();
    }

    private static Long readInstant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The bytes as UTF-8 text, with anything that is not UTF-8 replaced. */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
    }
}
