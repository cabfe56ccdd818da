package dev.footfall.dashboards.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code _search} request a visualization makes, and how to read its answer back into the
 * rows the panel shows: one row per leaf bucket, bucket keys first, then the metric values in the
 * order of the visualization's metrics (a metric-only panel has one row).
 *
 * @param index the index pattern title, e.g. {@code footfall-events-*}
 */
public record TranslatedSearch(String visualizationId, String index, ObjectNode body,
                               List<SavedVisualization.AggConfig> buckets, List<SavedVisualization.AggConfig> metrics) {

    public List<List<Object>> rows(JsonNode response) {
        List<List<Object>> rows = new ArrayList<>();
        JsonNode root = response.path("aggregations");
        long total = response.path("hits").path("total").path("value").asLong();
        walk(root, 0, new ArrayList<>(), total, rows);
        return rows;
    }

    private void walk(JsonNode node, int level, List<Object> keys, long docCount, List<List<Object>> rows) {
        if (level == buckets.size()) {
            List<Object> row = new ArrayList<>(keys);
            for (SavedVisualization.AggConfig m : metrics) {
                row.add("count".equals(m.type()) ? (Object) docCount : number(node.path(m.id()).path("value")));
            }
            rows.add(row);
            return;
        }
        SavedVisualization.AggConfig bucket = buckets.get(level);
        JsonNode bucketsNode = node.path(bucket.id()).path("buckets");
        if (bucketsNode.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = bucketsNode.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                descend(e.getValue(), level, keys, e.getKey(), rows);
            }
        } else {
            for (JsonNode b : bucketsNode) {
                descend(b, level, keys, key(bucket, b), rows);
            }
        }
    }

    private void descend(JsonNode bucket, int level, List<Object> keys, Object key, List<List<Object>> rows) {
        List<Object> next = new ArrayList<>(keys);
        next.add(key);
        walk(bucket, level + 1, next, bucket.path("doc_count").asLong(), rows);
    }

    private static Object key(SavedVisualization.AggConfig agg, JsonNode bucket) {
        if ("date_histogram".equals(agg.type())) {
            return Instant.ofEpochMilli(bucket.path("key").asLong());
        }
        JsonNode k = bucket.has("key_as_string") ? bucket.get("key_as_string") : bucket.get("key");
        return k.isNumber() ? number(k) : k.asText();
    }

    /** Whole numbers as Long, others as Double, a missing value as null. */
    private static Object number(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        BigDecimal d = value.decimalValue();
        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
            return d.longValue();
        }
        return d.doubleValue();
    }
}
