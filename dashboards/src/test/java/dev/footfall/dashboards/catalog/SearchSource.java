package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The {@code kibanaSavedObjectMeta.searchSourceJSON} of a visualization or saved search: an empty
 * query, the given filters, and the index pattern as a reference (never an inline id), as OSD 2.x
 * exports them.
 */
final class SearchSource {

    static final String INDEX_REF = "kibanaSavedObjectMeta.searchSourceJSON.index";
    /** The search source of a saved object that queries nothing itself: a dashboard, a markdown panel. */
    static final String NONE = "{\"query\":{\"query\":\"\",\"language\":\"kuery\"},\"filter\":[]}";

    /** Builds the JSON string and appends the matching references to {@code references}. */
    static String of(IndexPatterns.Pattern pattern, List<Filters> filters, ArrayNode references, boolean forSavedSearch) {
        ObjectNode source = Json.object();
        if (forSavedSearch) {
            source.put("highlightAll", true);
            source.put("version", true);
        }
        ObjectNode query = source.putObject("query");
        query.put("query", "");
        query.put("language", "kuery");
        ArrayNode filterArray = source.putArray("filter");
        for (int i = 0; i < filters.size(); i++) {
            ObjectNode f = filters.get(i).filter().deepCopy();
            String refName = "kibanaSavedObjectMeta.searchSourceJSON.filter[" + i + "].meta.index";
            ((ObjectNode) f.get("meta")).put("indexRefName", refName);
            filterArray.add(f);
            reference(references, refName, "index-pattern", pattern.id());
        }
        source.put("indexRefName", INDEX_REF);
        reference(references, INDEX_REF, "index-pattern", pattern.id());
        return Json.compact(source);
    }

    static void reference(ArrayNode references, String name, String type, String id) {
        ObjectNode ref = references.addObject();
        ref.put("name", name);
        ref.put("type", type);
        ref.put("id", id);
    }

    private SearchSource() {
    }
}
