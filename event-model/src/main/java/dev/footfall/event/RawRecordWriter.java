package dev.footfall.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the raw-topic record of an event straight to UTF-8: fields in a stable order, nulls and
 * empty objects left out; the very bytes the codec wrote when it built a Jackson tree first (the
 * tests keep that tree form as their oracle). The gateway writes one record per accepted event,
 * and the tree cost about as much as parsing the client's message.
 */
final class RawRecordWriter {

    private RawRecordWriter() {
    }

    static byte[] write(TrackedEvent e) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        try (JsonGenerator out = StrictJson.mapper().createGenerator(bytes, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeStringField("type", e.type().wireName());
            text(out, "messageId", e.messageId());
            text(out, "anonymousId", e.anonymousId());
            text(out, "userId", e.userId());
            text(out, "event", e.event());
            text(out, "name", e.name());
            text(out, "groupId", e.groupId());
            text(out, "previousId", e.previousId());
            object(out, "properties", e.properties());
            object(out, "traits", e.traits());
            context(out, e.context());
            instant(out, "timestamp", e.timestamp());
            instant(out, "originalTimestamp", e.originalTimestamp());
            instant(out, "sentAt", e.sentAt());
            Envelope env = e.envelope();
            if (env != null) {
                instant(out, EventCodec.RECEIVED_AT, env.receivedAt());
                text(out, EventCodec.SITE_ID, env.siteId());
                text(out, EventCodec.CLIENT_ADDRESS, env.clientAddress());
                text(out, EventCodec.VISITOR_ID, env.visitorId());
            }
            out.writeEndObject();
        } catch (IOException ex) {
            // Plain values into memory always write; this would be a bug, not bad input.
            throw new UncheckedIOException("cannot write event " + e.messageId(), ex);
        }
        return bytes.toByteArray();
    }

    /** Left out when empty, as the tree form leaves out an empty object. */
    private static void context(JsonGenerator out, EventContext c) throws IOException {
        boolean empty = c.page() == null && c.campaign() == null && c.library() == null && c.screen() == null
                && c.userAgent() == null && c.locale() == null && c.timezone() == null && c.ip() == null
                && c.other().isEmpty();
        if (empty) {
            return;
        }
        out.writeObjectFieldStart("context");
        if (c.page() != null) {
            out.writeObjectFieldStart("page");
            text(out, "url", c.page().url());
            text(out, "path", c.page().path());
            text(out, "search", c.page().search());
            text(out, "title", c.page().title());
            text(out, "referrer", c.page().referrer());
            out.writeEndObject();
        }
        if (c.campaign() != null) {
            out.writeObjectFieldStart("campaign");
            text(out, "name", c.campaign().name());
            text(out, "source", c.campaign().source());
            text(out, "medium", c.campaign().medium());
            text(out, "term", c.campaign().term());
            text(out, "content", c.campaign().content());
            out.writeEndObject();
        }
        if (c.library() != null) {
            out.writeObjectFieldStart("library");
            text(out, "name", c.library().name());
            text(out, "version", c.library().version());
            out.writeEndObject();
        }
        if (c.screen() != null) {
            out.writeObjectFieldStart("screen");
            if (c.screen().width() != null) {
                out.writeNumberField("width", c.screen().width());
            }
            if (c.screen().height() != null) {
                out.writeNumberField("height", c.screen().height());
            }
            if (c.screen().density() != null) {
                out.writeNumberField("density", c.screen().density());
            }
            out.writeEndObject();
        }
        text(out, "userAgent", c.userAgent());
        text(out, "locale", c.locale());
        text(out, "timezone", c.timezone());
        text(out, "ip", c.ip());
        Iterator<Map.Entry<String, JsonNode>> other = c.other().fields();
        while (other.hasNext()) {
            Map.Entry<String, JsonNode> entry = other.next();
            // A key written above wins, as it does in the tree form.
            if (!writtenAbove(c, entry.getKey())) {
                out.writeFieldName(entry.getKey());
                tree(out, entry.getValue());
            }
        }
        out.writeEndObject();
    }

    private static boolean writtenAbove(EventContext c, String key) {
        return switch (key) {
            case "page" -> c.page() != null;
            case "campaign" -> c.campaign() != null;
            case "library" -> c.library() != null;
            case "screen" -> c.screen() != null;
            case "userAgent" -> c.userAgent() != null;
            case "locale" -> c.locale() != null;
            case "timezone" -> c.timezone() != null;
            case "ip" -> c.ip() != null;
            default -> false;
        };
    }

    private static void text(JsonGenerator out, String key, String value) throws IOException {
        if (value != null) {
            out.writeStringField(key, value);
        }
    }

    private static void instant(JsonGenerator out, String key, Instant value) throws IOException {
        if (value != null) {
            out.writeStringField(key, IsoTimestamps.format(value));
        }
    }

    private static void object(JsonGenerator out, String key, ObjectNode value) throws IOException {
        if (value != null && !value.isEmpty()) {
            out.writeFieldName(key);
            tree(out, value);
        }
    }

    /**
     * A parsed value as the mapper writes it with its default settings (every member, nulls too;
     * each number in the width it was read as). Written here because {@code writeTree} sets up a
     * serializer provider per value, which cost more than the writing.
     */
    private static void tree(JsonGenerator out, JsonNode value) throws IOException {
        switch (value.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    out.writeFieldName(field.getKey());
                    tree(out, field.getValue());
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : value) {
                    tree(out, element);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(value.textValue());
            case BOOLEAN -> out.writeBoolean(value.booleanValue());
            case NULL -> out.writeNull();
            case NUMBER -> number(out, value);
            // Not produced by parsing JSON (binary, POJO, missing): the mapper knows how.
            default -> out.writeTree(value);
        }
    }

    private static void number(JsonGenerator out, JsonNode value) throws IOException {
        switch (value.numberType()) {
            case INT -> out.writeNumber(value.intValue());
            case LONG -> out.writeNumber(value.longValue());
            case BIG_INTEGER -> out.writeNumber(value.bigIntegerValue());
            case FLOAT -> out.writeNumber(value.floatValue());
            case DOUBLE -> out.writeNumber(value.doubleValue());
            case BIG_DECIMAL -> out.writeNumber(value.decimalValue());
        }
    }
}
