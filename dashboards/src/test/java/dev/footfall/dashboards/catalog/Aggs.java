package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Aggregation configs as they appear in a saved {@code visState}: id, type, schema, params. Only
 * types the translator and its tests cover are offered here.
 */
final class Aggs {

    static ObjectNode count(String id, String label) {
        ObjectNode params = Json.object();
        if (label != null) {
            params.put("customLabel", label);
        }
        return agg(id, "count", "metric", params);
    }

    static ObjectNode cardinality(String id, String field, String label) {
        return fieldMetric(id, "cardinality", field, label);
    }

    static ObjectNode sum(String id, String field, String label) {
        return fieldMetric(id, "sum", field, label);
    }

    static ObjectNode avg(String id, String field, String label) {
        return fieldMetric(id, "avg", field, label);
    }

    static ObjectNode max(String id, String field, String label) {
        return fieldMetric(id, "max", field, label);
    }

    private static ObjectNode fieldMetric(String id, String type, String field, String label) {
        ObjectNode params = Json.object();
        params.put("field", field);
        params.put("customLabel", label);
        return agg(id, type, "metric", params);
    }

    /** Top {@code size} values of {@code field}, ordered by the metric with id {@code orderBy}. */
    static ObjectNode terms(String id, String schema, String field, int size, String orderBy, String label) {
        return terms(id, schema, field, size, orderBy, label, null);
    }

    static ObjectNode terms(String id, String schema, String field, int size, String orderBy, String label, String include) {
        ObjectNode params = Json.object();
        params.put("field", field);
        params.put("orderBy", orderBy);
        params.put("order", "desc");
        params.put("size", size);
        params.put("otherBucket", false);
        params.put("otherBucketLabel", "Other");
        params.put("missingBucket", false);
        params.put("missingBucketLabel", "Missing");
        if (label != null) {
            params.put("customLabel", label);
        }
        if (include != null) {
            params.put("include", include);
        }
        return agg(id, "terms", schema, params);
    }

    /** Time on the x-axis with an automatic interval (about 50 buckets for the time range). */
    static ObjectNode dateHistogram(String id, String schema) {
        ObjectNode params = Json.object();
        params.put("field", "@timestamp");
        params.put("useNormalizedOpenSearchInterval", true);
        params.put("scaleMetricValues", false);
        params.put("interval", "auto");
        params.put("drop_partials", false);
        params.put("min_doc_count", 1);
        params.putObject("extended_bounds");
        return agg(id, "date_histogram", schema, params);
    }

    /** Named buckets, each a KQL query of the form {@code field:value} or {@code field >= n}. */
    static ObjectNode filters(String id, String schema, String[][] queryAndLabel) {
        ObjectNode params = Json.object();
        ArrayNode filters = params.putArray("filters");
        for (String[] ql : queryAndLabel) {
            ObjectNode f = filters.addObject();
            ObjectNode input = f.putObject("input");
            input.put("query", ql[0]);
            input.put("language", "kuery");
            f.put("label", ql[1]);
        }
        return agg(id, "filters", schema, params);
    }

    private static ObjectNode agg(String id, String type, String schema, ObjectNode params) {
        ObjectNode agg = Json.object();
        agg.put("id", id);
        agg.put("enabled", true);
        agg.put("type", type);
        agg.put("params", params);
        agg.put("schema", schema);
        return agg;
    }

    private Aggs() {
    }
}
