package dev.footfall.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The oracle for {@link RawRecordWriter}: the raw-topic record built as a Jackson tree, field by
 * field, as the codec wrote it before the writer streamed it. Serialized by the mapper, it gives
 * the bytes every record in Kafka has had; the writer must give the same.
 */
final class TreeFormRecords {

    private TreeFormRecords() {
    }

    /** The raw-topic form as a tree, built node by node the way the codec first wrote it. */
    static ObjectNode toJson(TrackedEvent e) {
        ObjectNode out = StrictJson.mapper().createObjectNode();
        out.put("type", e.type().wireName());
        putText(out, "messageId", e.messageId());
        putText(out, "anonymousId", e.anonymousId());
        putText(out, "userId", e.userId());
        putText(out, "event", e.event());
        putText(out, "name", e.name());
        putText(out, "groupId", e.groupId());
        putText(out, "previousId", e.previousId());
        putObject(out, "properties", e.properties());
        putObject(out, "traits", e.traits());
        putObject(out, "context", contextJson(e.context()));
        putInstant(out, "timestamp", e.timestamp());
        putInstant(out, "originalTimestamp", e.originalTimestamp());
        putInstant(out, "sentAt", e.sentAt());
        if (e.envelope() != null) {
            Envelope env = e.envelope();
            putInstant(out, EventCodec.RECEIVED_AT, env.receivedAt());
            putText(out, EventCodec.SITE_ID, env.siteId());
            putText(out, EventCodec.CLIENT_ADDRESS, env.clientAddress());
            putText(out, EventCodec.VISITOR_ID, env.visitorId());
        }
        return out;
    }


    private static ObjectNode contextJson(EventContext c) {
        ObjectNode out = StrictJson.mapper().createObjectNode();
        if (c.page() != null) {
            ObjectNode page = out.putObject("page");
            putText(page, "url", c.page().url());
            putText(page, "path", c.page().path());
            putText(page, "search", c.page().search());
            putText(page, "title", c.page().title());
            putText(page, "referrer", c.page().referrer());
        }
        if (c.campaign() != null) {
            ObjectNode campaign = out.putObject("campaign");
            putText(campaign, "name", c.campaign().name());
            putText(campaign, "source", c.campaign().source());
            putText(campaign, "medium", c.campaign().medium());
            putText(campaign, "term", c.campaign().term());
            putText(campaign, "content", c.campaign().content());
        }
        if (c.library() != null) {
            ObjectNode library = out.putObject("library");
            putText(library, "name", c.library().name());
            putText(library, "version", c.library().version());
        }
        if (c.screen() != null) {
            ObjectNode screen = out.putObject("screen");
            if (c.screen().width() != null) {
                screen.put("width", c.screen().width());
            }
            if (c.screen().height() != null) {
                screen.put("height", c.screen().height());
            }
            if (c.screen().density() != null) {
                screen.put("density", c.screen().density());
            }
        }
        putText(out, "userAgent", c.userAgent());
        putText(out, "locale", c.locale());
        putText(out, "timezone", c.timezone());
        putText(out, "ip", c.ip());
        c.other().fields().forEachRemaining(entry -> {
            if (!out.has(entry.getKey())) {
                out.set(entry.getKey(), entry.getValue());
            }
        });
        return out;
    }

    private static void putText(ObjectNode out, String key, String value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static void putInstant(ObjectNode out, String key, Instant value) {
        if (value != null) {
            out.put(key, value.toString());
        }
    }

    private static void putObject(ObjectNode out, String key, ObjectNode value) {
        if (value != null && !value.isEmpty()) {
            out.set(key, value);
        }
    }
}
