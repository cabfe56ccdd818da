package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Search-source filters in the form OpenSearch Dashboards saves them: a {@code meta} block for the
 * filter pill and the query DSL it runs. The index is a reference name, filled in by
 * {@link SearchSource} when the filter is placed.
 */
public record Filters(ObjectNode filter) {

    /** {@code field: value} as a pill, e.g. is_bot: false. */
    public static Filters phrase(String field, Object value) {
        ObjectNode f = Json.object();
        ObjectNode meta = pill(f, "phrase", field);
        putValue(meta.putObject("params"), "query", value);
        putValue(f.putObject("query").putObject("match_phrase"), field, value);
        f.putObject("$state").put("store", "appState");
        return new Filters(f);
    }

    /** {@code field} is one of {@code values}, e.g. type is page or screen. */
    public static Filters phrases(String field, List<String> values) {
        ObjectNode f = Json.object();
        ObjectNode meta = pill(f, "phrases", field);
        meta.put("value", String.join(", ", values));
        ArrayNode params = meta.putArray("params");
        values.forEach(params::add);
        ObjectNode bool = f.putObject("query").putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (String v : values) {
            should.addObject().putObject("match_phrase").put(field, v);
        }
        bool.put("minimum_should_match", 1);
        f.putObject("$state").put("store", "appState");
        return new Filters(f);
    }

    /** Humans only: every visitor count and traffic panel excludes flagged bots. */
    public static Filters notBot() {
        return phrase("is_bot", false);
    }

    /** Page and screen views: what "pageviews" counts. */
    public static Filters pageviews() {
        return phrases("type", List.of("page", "screen"));
    }

    /** Custom events (Segment track calls). */
    public static Filters customEvents() {
        return phrase("type", "track");
    }

    /** The filter's {@code meta} block: an enabled, unnegated pill of {@code type} on {@code field}. */
    private static ObjectNode pill(ObjectNode filter, String type, String field) {
        ObjectNode meta = filter.putObject("meta");
        meta.putNull("alias");
        meta.put("negate", false);
        meta.put("disabled", false);
        meta.put("type", type);
        meta.put("key", field);
        return meta;
    }

    private static void putValue(ObjectNode target, String key, Object value) {
        if (value instanceof Boolean b) {
            target.put(key, b);
        } else if (value instanceof Number n) {
            target.put(key, n.longValue());
        } else {
            target.put(key, String.valueOf(value));
        }
    }
}
