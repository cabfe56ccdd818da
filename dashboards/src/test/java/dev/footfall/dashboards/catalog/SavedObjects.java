package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The saved-object envelope, with the migration version of the newest migration of each type. */
final class SavedObjects {

    /**
     * Newest migration per type in OSD 2.19: an object at this version skips every migration, so
     * what is in the file is exactly what is stored.
     */
    static final Map<String, String> MIGRATION_VERSIONS = Map.of(
            "index-pattern", "7.6.0",
            "visualization", "7.10.0",
            "dashboard", "7.9.3",
            "search", "7.9.3");

    /** An object's attributes, starting with the two every type has. */
    static ObjectNode attributes(String title, String description) {
        ObjectNode attributes = Json.object();
        attributes.put("title", title);
        attributes.put("description", description);
        return attributes;
    }

    static ObjectNode object(String type, String id, ObjectNode attributes, ArrayNode references) {
        ObjectNode o = Json.object();
        o.put("attributes", attributes);
        o.put("id", id);
        o.putObject("migrationVersion").put(type, MIGRATION_VERSIONS.get(type));
        o.put("references", references);
        o.put("type", type);
        return o;
    }

    private SavedObjects() {
    }
}
