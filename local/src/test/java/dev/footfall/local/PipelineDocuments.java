package dev.footfall.local;

import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
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
    static final String GOALS = "footfall-goals-2026.03.01";
    static final String FUNNELS = "footfall-funnels-2026.03.01";

    private PipelineDocuments() {
    }

    /**
     * Applies the real, strict index templates (so a fixture field outside the contract fails
     * loudly) and starts from empty indices; they are created from the templates on first write.
     */
    static void createIndices(EmbeddedOpenSearch node, OpenSearchTestClient client) {
        OpenSearchSetup.apply(new RestClient(Endpoint.of("OpenSearch", node.httpUrl())), OpenSearchSetup.Settings.defaults());
        for (String index : new String[] {EVENTS, SESSIONS, INVALID, GOALS, FUNNELS}) {
            client.deleteIndex(index);
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

    static Map<String, Object> goal(String messageId, String time, String visitor, String user, String goal) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("site_id", "shop");
        doc.put("goal", goal);
        doc.put("message_id", messageId);
        doc.put("visitor_id", visitor);
        if (user != null) {
            doc.put("user_id", user);
        }
        return doc;
    }

    static Map<String, Object> funnelAttempt(String time, String visitor, String funnel, int stepReached) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("site_id", "shop");
        doc.put("funnel", funnel);
        doc.put("visitor_id", visitor);
        doc.put("step_reached", stepReached);
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
