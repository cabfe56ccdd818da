package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds one visualization saved object: type, params, aggs, index pattern and filters. */
final class Vis {

    private final String id;
    private final String title;
    private final String type;
    private final ObjectNode params;
    private final List<ObjectNode> aggs = new ArrayList<>();
    private final List<Filters> filters = new ArrayList<>();
    private IndexPatterns.Pattern pattern;
    private String description = "";

    private Vis(String id, String title, String type, ObjectNode params) {
        this.id = id;
        this.title = title;
        this.type = type;
        this.params = params;
    }

    static Vis of(String id, String title, String type, ObjectNode params) {
        return new Vis(id, title, type, params);
    }

    Vis on(IndexPatterns.Pattern pattern) {
        this.pattern = pattern;
        return this;
    }

    Vis filter(Filters... fs) {
        filters.addAll(List.of(fs));
        return this;
    }

    Vis aggs(ObjectNode... as) {
        aggs.addAll(List.of(as));
        return this;
    }

    Vis description(String text) {
        this.description = text;
        return this;
    }

    String id() {
        return id;
    }

    ObjectNode build() {
        ObjectNode visState = Json.object();
        visState.put("title", title);
        visState.put("type", type);
        ArrayNode aggArray = visState.putArray("aggs");
        aggs.forEach(aggArray::add);
        visState.put("params", params);

        ArrayNode references = Json.array();
        ObjectNode attributes = SavedObjects.attributes(title, description);
        attributes.put("version", 1);
        attributes.put("visState", Json.compact(visState));
        attributes.put("uiStateJSON", "{}");
        ObjectNode meta = attributes.putObject("kibanaSavedObjectMeta");
        if (pattern == null) {
            // Markdown panels query nothing.
            meta.put("searchSourceJSON", SearchSource.NONE);
        } else {
            meta.put("searchSourceJSON", SearchSource.of(pattern, filters, references, false));
        }
        return SavedObjects.object("visualization", id, attributes, references);
    }
}
