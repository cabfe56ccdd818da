package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A saved search for Discover: columns, newest first, on one index pattern with filters. */
final class SavedSearch {

    static ObjectNode build(String id, String title, String description, IndexPatterns.Pattern pattern,
                            List<String> columns, List<Filters> filters) {
        ArrayNode references = Json.array();
        ObjectNode attributes = SavedObjects.attributes(title, description);
        attributes.put("hits", 0);
        ArrayNode cols = attributes.putArray("columns");
        columns.forEach(cols::add);
        attributes.putArray("sort").addArray().add("@timestamp").add("desc");
        attributes.put("version", 1);
        attributes.putObject("kibanaSavedObjectMeta")
                .put("searchSourceJSON", SearchSource.of(pattern, filters, references, true));
        return SavedObjects.object("search", id, attributes, references);
    }

    private SavedSearch() {
    }
}
