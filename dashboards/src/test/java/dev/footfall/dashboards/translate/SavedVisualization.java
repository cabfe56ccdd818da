package dev.footfall.dashboards.translate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A visualization saved object read back: its visState aggregations and its search source (query,
 * filters, index pattern), with JSON strings parsed and reference names resolved.
 *
 * @param indexPatternId empty for panels that query nothing (markdown)
 */
public record SavedVisualization(String id, String title, String visType, Optional<String> indexPatternId,
                                 JsonNode query, List<JsonNode> filters, List<AggConfig> aggs) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One entry of visState.aggs. */
    public record AggConfig(String id, String type, String schema, JsonNode params) {
        public Optional<String> field() {
            JsonNode f = params.path("field");
            return f.isTextual() ? Optional.of(f.asText()) : Optional.empty();
        }
    }

    public static SavedVisualization of(JsonNode savedObject) {
        JsonNode attributes = savedObject.path("attributes");
        JsonNode visState = parse(attributes.path("visState").asText());
        JsonNode source = parse(attributes.path("kibanaSavedObjectMeta").path("searchSourceJSON").asText("{}"));
        Optional<String> indexPatternId = Optional.ofNullable(source.path("indexRefName").isTextual()
                ? referenceId(savedObject, source.get("indexRefName").asText()) : null);
        List<JsonNode> filters = new ArrayList<>();
        source.path("filter").forEach(filters::add);
        List<AggConfig> aggs = new ArrayList<>();
        for (JsonNode agg : visState.path("aggs")) {
            if (agg.path("enabled").asBoolean(true)) {
                aggs.add(new AggConfig(agg.path("id").asText(), agg.path("type").asText(), agg.path("schema").asText(),
                        agg.path("params")));
            }
        }
        return new SavedVisualization(savedObject.path("id").asText(), attributes.path("title").asText(),
                visState.path("type").asText(), indexPatternId, source.path("query"), filters, aggs);
    }

    /** The fields of the filter pills (each filter's {@code meta.key}). */
    public List<String> filterFields() {
        List<String> fields = new ArrayList<>();
        for (JsonNode f : filters) {
            fields.add(f.path("meta").path("key").asText());
        }
        return fields;
    }

    private static String referenceId(JsonNode savedObject, String name) {
        for (JsonNode ref : savedObject.path("references")) {
            if (name.equals(ref.path("name").asText())) {
                return ref.path("id").asText();
            }
        }
        throw new IllegalArgumentException("visualization " + savedObject.path("id").asText() + " has no reference " + name);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
