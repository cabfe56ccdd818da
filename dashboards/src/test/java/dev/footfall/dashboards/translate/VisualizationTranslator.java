package dev.footfall.dashboards.translate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a visualization's {@code visState} and search source into the {@code _search} request
 * OpenSearch Dashboards 2.19 would send for it, so its aggregations can be run against real
 * pipeline output in a test. It follows the data plugin's rules: bucket aggregations nest in the
 * order they are listed, metrics sit under the deepest bucket, count needs no aggregation, terms
 * ordered by a metric carry that metric, filters run as saved (negated ones in must_not, disabled
 * ones not at all), the time range filters the index pattern's time field.
 *
 * <p>Supported: metrics count, sum, avg, min, max, cardinality; buckets terms, date_histogram,
 * filters; queries empty or KQL {@code field:value}. Anything else throws, so a visualization the
 * translator cannot check fails its test instead of passing untested.
 */
public final class VisualizationTranslator {

    static final Set<String> METRICS = Set.of("count", "sum", "avg", "min", "max", "cardinality");
    static final Set<String> BUCKETS = Set.of("terms", "date_histogram", "filters");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An index pattern: its title (what is searched) and time field. */
    public record IndexPattern(String id, String title, String timeField) {
    }

    private VisualizationTranslator() {
    }

    /** The visualizations of {@code file} that read an index: the panels a search gives rows for. */
    public static List<SavedVisualization> readingAnIndex(SavedObjectsFile file) {
        return file.ofType("visualization").stream()
                .map(SavedVisualization::of)
                .filter(v -> v.indexPatternId().isPresent())
                .toList();
    }

    /** The search for {@code vis} over its index pattern as {@code file} saves it. */
    public static TranslatedSearch translate(SavedVisualization vis, SavedObjectsFile file, TimeRange range) {
        JsonNode pattern = file.get("index-pattern", vis.indexPatternId().orElseThrow()).orElseThrow();
        return translate(vis, new IndexPattern(pattern.get("id").asText(), pattern.at("/attributes/title").asText(),
                pattern.at("/attributes/timeFieldName").asText()), range);
    }

    public static TranslatedSearch translate(SavedVisualization vis, IndexPattern pattern, TimeRange range) {
        List<SavedVisualization.AggConfig> buckets = new ArrayList<>();
        List<SavedVisualization.AggConfig> metrics = new ArrayList<>();
        for (SavedVisualization.AggConfig agg : vis.aggs()) {
            if (METRICS.contains(agg.type())) {
                metrics.add(agg);
            } else if (BUCKETS.contains(agg.type())) {
                buckets.add(agg);
            } else {
                throw new UnsupportedOperationException(vis.id() + ": aggregation type '" + agg.type() + "' is not translated");
            }
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        body.put("track_total_hits", true);
        body.set("query", query(vis, pattern, range));
        if (!buckets.isEmpty() || metrics.stream().anyMatch(m -> !"count".equals(m.type()))) {
            body.set("aggs", aggs(buckets, 0, metrics, range));
        }
        return new TranslatedSearch(vis.id(), pattern.title(), body, buckets, metrics);
    }

    private static ObjectNode query(SavedVisualization vis, IndexPattern pattern, TimeRange range) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode bool = root.putObject("bool");
        ArrayNode must = bool.putArray("must");
        ArrayNode filter = bool.putArray("filter");
        ArrayNode mustNot = bool.putArray("must_not");
        String language = vis.query().path("language").asText("kuery");
        String text = vis.query().path("query").asText("");
        if ("kuery".equals(language)) {
            KqlSubset.toDsl(text).ifPresent(filter::add);
        } else if (!text.isBlank()) {
            ObjectNode qs = must.addObject().putObject("query_string");
            qs.put("query", text);
            qs.put("analyze_wildcard", true);
        }
        if (must.isEmpty()) {
            must.addObject().putObject("match_all");
        }
        ObjectNode time = filter.addObject().putObject("range").putObject(pattern.timeField());
        time.put("gte", range.from().toString());
        time.put("lte", range.to().toString());
        time.put("format", "strict_date_optional_time");
        for (JsonNode f : vis.filters()) {
            JsonNode meta = f.path("meta");
            if (meta.path("disabled").asBoolean(false)) {
                continue;
            }
            ObjectNode clause = f.deepCopy();
            clause.remove("meta");
            clause.remove("$state");
            JsonNode dsl = clause.has("query") && clause.size() == 1 ? clause.get("query") : clause;
            (meta.path("negate").asBoolean(false) ? mustNot : filter).add(dsl);
        }
        return root;
    }

    private static ObjectNode aggs(List<SavedVisualization.AggConfig> buckets, int level,
                                   List<SavedVisualization.AggConfig> metrics, TimeRange range) {
        ObjectNode aggs = JSON.createObjectNode();
        if (level == buckets.size()) {
            for (SavedVisualization.AggConfig m : metrics) {
                if (!"count".equals(m.type())) {
                    aggs.set(m.id(), metric(m));
                }
            }
            return aggs;
        }
        SavedVisualization.AggConfig bucket = buckets.get(level);
        ObjectNode agg = bucket(bucket, metrics, range);
        ObjectNode sub = aggs(buckets, level + 1, metrics, range);
        if (level + 1 < buckets.size() && "terms".equals(bucket.type())) {
            addOrderMetric(bucket, metrics, sub);
        }
        if (!sub.isEmpty()) {
            ObjectNode existing = (ObjectNode) agg.get("aggs");
            if (existing != null) {
                Iterator<Map.Entry<String, JsonNode>> it = sub.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    existing.set(e.getKey(), e.getValue());
                }
            } else {
                agg.set("aggs", sub);
            }
        }
        aggs.set(bucket.id(), agg);
        return aggs;
    }

    /** An upper-level terms ordered by a metric needs that metric at its own level too. */
    private static void addOrderMetric(SavedVisualization.AggConfig terms, List<SavedVisualization.AggConfig> metrics, ObjectNode sub) {
        String orderBy = terms.params().path("orderBy").asText();
        for (SavedVisualization.AggConfig m : metrics) {
            if (m.id().equals(orderBy) && !"count".equals(m.type())) {
                sub.set(m.id(), metric(m));
            }
        }
    }

    private static ObjectNode metric(SavedVisualization.AggConfig m) {
        ObjectNode node = JSON.createObjectNode();
        String field = m.field().orElseThrow(() -> new IllegalArgumentException("metric " + m.id() + " has no field"));
        node.putObject(m.type()).put("field", field);
        return node;
    }

    private static ObjectNode bucket(SavedVisualization.AggConfig b, List<SavedVisualization.AggConfig> metrics, TimeRange range) {
        ObjectNode node = JSON.createObjectNode();
        JsonNode p = b.params();
        switch (b.type()) {
            case "terms" -> {
                ObjectNode terms = node.putObject("terms");
                terms.put("field", b.field().orElseThrow());
                terms.put("size", p.path("size").asInt(5));
                String orderBy = p.path("orderBy").asText("_count");
                String direction = p.path("order").asText("desc");
                ObjectNode order = terms.putObject("order");
                SavedVisualization.AggConfig orderMetric = metrics.stream().filter(m -> m.id().equals(orderBy)).findFirst().orElse(null);
                if (orderMetric == null) {
                    order.put(orderBy.isEmpty() ? "_count" : orderBy, direction);
                } else if ("count".equals(orderMetric.type())) {
                    order.put("_count", direction);
                } else {
                    order.put(orderMetric.id(), direction);
                    node.putObject("aggs").set(orderMetric.id(), metric(orderMetric));
                }
                if (p.path("include").isTextual() && !p.path("include").asText().isEmpty()) {
                    terms.put("include", p.path("include").asText());
                }
                if (p.path("exclude").isTextual() && !p.path("exclude").asText().isEmpty()) {
                    terms.put("exclude", p.path("exclude").asText());
                }
                if (p.path("missingBucket").asBoolean(false) || p.path("otherBucket").asBoolean(false)) {
                    throw new UnsupportedOperationException("terms " + b.id() + ": missing and other buckets are not translated");
                }
            }
            case "date_histogram" -> {
                ObjectNode histogram = node.putObject("date_histogram");
                histogram.put("field", b.field().orElseThrow());
                Duration interval = AutoInterval.resolve(p.path("interval").asText("auto"), range);
                String[] kindAndExpression = AutoInterval.toOpenSearch(interval);
                histogram.put(kindAndExpression[0], kindAndExpression[1]);
                histogram.put("time_zone", "UTC");
                histogram.put("min_doc_count", p.path("min_doc_count").asInt(1));
            }
            case "filters" -> {
                ObjectNode filters = node.putObject("filters").putObject("filters");
                for (JsonNode f : p.path("filters")) {
                    String queryText = f.path("input").path("query").asText("");
                    String label = f.path("label").asText(queryText);
                    if (!"kuery".equals(f.path("input").path("language").asText("kuery"))) {
                        ObjectNode qs = JSON.createObjectNode();
                        qs.putObject("query_string").put("query", queryText).put("analyze_wildcard", true);
                        filters.set(label, qs);
                    } else {
                        filters.set(label, KqlSubset.toDsl(queryText).<JsonNode>map(q -> q)
                                .orElseGet(() -> JSON.createObjectNode().set("match_all", JSON.createObjectNode())));
                    }
                }
            }
            default -> throw new IllegalStateException(b.type());
        }
        return node;
    }

    /** Every field a visualization reads: aggregation fields, filter keys and filters-agg query fields. */
    public static List<String> fieldsRead(SavedVisualization vis) {
        List<String> fields = new ArrayList<>(vis.filterFields());
        for (SavedVisualization.AggConfig a : vis.aggs()) {
            a.field().ifPresent(fields::add);
            if ("filters".equals(a.type())) {
                for (JsonNode f : a.params().path("filters")) {
                    KqlSubset.field(f.path("input").path("query").asText("")).ifPresent(fields::add);
                }
            }
        }
        return fields;
    }
}
