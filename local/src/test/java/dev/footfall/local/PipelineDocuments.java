package dev.footfall.local;

import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The events both command tests start from: Alice browses anonymously as a-1, then signs up as
     * u-alice; Bob (a-2) stays anonymous.
     */
    static List<Map<String, Object>> aliceAndBob() {
        return List.of(
                event("e1", "10:00:00", "a-1", null, "page", null, "/", false),
                event("e2", "10:01:00", "a-1", null, "page", null, "/pricing", false),
                event("e3", "10:02:00", "a-1", "u-alice", "track", "Signed Up", "/pricing", false),
                event("e4", "11:00:00", "a-2", null, "page", null, "/", false),
                event("e5", "11:05:00", "a-2", null, "track", "Added to Cart", "/", false));
    }

    static Map<String, Object> event(String id, String time, String visitor, String user, String type, String name,
            String path, boolean bot) {
        Map<String, Object> doc = document(time);
        doc.put("message_id", id);
        doc.put("type", type);
        putIfPresent(doc, "event_name", name);
        putPerson(doc, visitor, user);
        doc.put("anonymous_id", visitor);
        putIfPresent(doc, "page_path", path);
        doc.put("is_bot", bot);
        return doc;
    }

    static Map<String, Object> session(String id, String time, String visitor, String user, long seconds,
            boolean bounce, String source, boolean bot) {
        Map<String, Object> doc = document(time);
        doc.put("session_id", id);
        putPerson(doc, visitor, user);
        doc.put("duration_seconds", seconds);
        doc.put("is_bounce", bounce);
        doc.put("source", source);
        doc.put("is_bot", bot);
        return doc;
    }

    static Map<String, Object> goal(String messageId, String time, String visitor, String user, String goal) {
        Map<String, Object> doc = document(time);
        doc.put("goal", goal);
        doc.put("message_id", messageId);
        putPerson(doc, visitor, user);
        return doc;
    }

    static Map<String, Object> funnelAttempt(String time, String visitor, String funnel, int stepReached) {
        Map<String, Object> doc = document(time);
        doc.put("funnel", funnel);
        doc.put("visitor_id", visitor);
        doc.put("step_reached", stepReached);
        return doc;
    }

    static Map<String, Object> invalid(String time, String reason, String anonymousId) {
        Map<String, Object> doc = document(time);
        doc.put("reason", reason);
        putIfPresent(doc, "anonymous_id", anonymousId);
        return doc;
    }

    /** What every family's document has: the time on {@link #DAY} and the site, {@code shop}. */
    private static Map<String, Object> document(String time) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("site_id", "shop");
        return doc;
    }

    /** Who a document is about: the visitor, and the user once the visitor is identified. */
    private static void putPerson(Map<String, Object> doc, String visitor, String user) {
        doc.put("visitor_id", visitor);
        putIfPresent(doc, "user_id", user);
    }

    /** An absent optional field is left out of the document, not written as null. */
    private static void putIfPresent(Map<String, Object> doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
