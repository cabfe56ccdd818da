package dev.footfall.local;

import dev.footfall.testkit.OpenSearchTestClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hand-written documents in the shape of docs/index-schema.md, for tests of the commands that
 * read the job's indices (report, erase).
 */
final class PipelineDocuments {

    static final String DAY = "2026-03-01";
    static final String EVENTS = "footfall-events-2026.03.01";
    static final String SESSIONS = "footfall-sessions-2026.03.01";
    static final String INVALID = "footfall-invalid-2026.03.01";

    private static final String KEYWORDS = """
            {"dynamic_templates":[{"strings":{"match_mapping_type":"string","mapping":{"type":"keyword"}}}],
             "properties":{"@timestamp":{"type":"date"},"is_bot":{"type":"boolean"},"is_bounce":{"type":"boolean"},
                           "duration_seconds":{"type":"long"}}}
            """;

    private PipelineDocuments() {
    }

    static void createIndices(OpenSearchTestClient client) {
        for (String index : new String[] {EVENTS, SESSIONS, INVALID}) {
            client.deleteIndex(index);
            client.createIndex(index, KEYWORDS);
        }
    }

    static Map<String, Object> event(String id, String time, String visitor, String user, String type, String name,
            String path, boolean bot) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("site_id", "shop");
        doc.put("message_id", id);
        doc.put("type", type);
        if (name != null) {
            doc.put("event_name", name);
        }
        doc.put("visitor_id", visitor);
        doc.put("anonymous_id", visitor);
        if (user != null) {
            doc.put("user_id", user);
        }
        if (path != null) {
            doc.put("page_path", path);
        }
        doc.put("is_bot", bot);
        return doc;
    }

    static Map<String, Object> session(String id, String time, String visitor, String user, long seconds,
            boolean bounce, String source, boolean bot) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("session_id", id);
        doc.put("site_id", "shop");
        doc.put("visitor_id", visitor);
        if (user != null) {
            doc.put("user_id", user);
        }
        doc.put("duration_seconds", seconds);
        doc.put("is_bounce", bounce);
        doc.put("source", source);
        doc.put("is_bot", bot);
        return doc;
    }

    static Map<String, Object> invalid(String time, String reason, String anonymousId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("reason", reason);
        doc.put("site_id", "shop");
        if (anonymousId != null) {
            doc.put("anonymous_id", anonymousId);
        }
        return doc;
    }
}
