package dev.footfall.dashboards.savedobjects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks an NDJSON file of saved objects the way OpenSearch Dashboards 2.19's import does, offline:
 * OSD cannot run on the build machines, and a broken object otherwise surfaces only at import or
 * render time. Rules: OSD 2.19's saved-object type mappings and import checks, listed in
 * docs/dashboards.md; codes: {@link ImportRule}.
 *
 * <p>The validator assumes an empty target: a reference must be satisfied by the file itself,
 * which is what a first import into a fresh Dashboards needs.
 */
public final class ImportValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Newest migration per type in OSD 2.19 (the import answers 422 for anything newer). */
    public static final Map<String, String> NEWEST_MIGRATION = Map.of(
            "index-pattern", "7.6.0",
            "visualization", "7.10.0",
            "dashboard", "7.9.3",
            "search", "7.9.3");

    /** Attribute keys each type's strict mapping accepts (index-pattern accepts any). */
    private static final Map<String, Set<String>> ATTRIBUTES = Map.of(
            "visualization", Set.of("description", "kibanaSavedObjectMeta", "savedSearchRefName", "title", "uiStateJSON",
                    "version", "visState"),
            "dashboard", Set.of("description", "hits", "kibanaSavedObjectMeta", "optionsJSON", "panelsJSON", "refreshInterval",
                    "timeFrom", "timeRestore", "timeTo", "title", "version"),
            "search", Set.of("columns", "description", "hits", "kibanaSavedObjectMeta", "sort", "title", "version"));
    private static final Set<String> META_KEYS = Set.of("searchSourceJSON");
    private static final Set<String> REFRESH_KEYS = Set.of("display", "pause", "section", "value");
    /** Reference types the import resolves (others are not checked by OSD). */
    private static final Set<String> IMPORT_CHECKED_REFERENCES = Set.of("index-pattern", "search");

    private record Parsed(int line, String type, String id, JsonNode node) {
        String key() {
            return type + ":" + id;
        }
    }

    private final List<ImportProblem> problems = new ArrayList<>();

    private ImportValidator() {
    }

    /** All problems in {@code ndjson}; empty when the file imports cleanly. */
    public static List<ImportProblem> validate(String ndjson) {
        ImportValidator v = new ImportValidator();
        v.run(ndjson);
        return List.copyOf(v.problems);
    }

    private void run(String ndjson) {
        List<Parsed> objects = new ArrayList<>();
        String[] lines = ndjson.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                problem(ImportRule.INVALID_JSON_LINE, i + 1, null, "not JSON: " + e.getOriginalMessage());
                continue;
            }
            if (node == null || !node.isObject()) {
                problem(ImportRule.INVALID_JSON_LINE, i + 1, null, "not a JSON object");
                continue;
            }
            if (node.has("exportedCount")) {
                continue; // the export summary line, which the import drops
            }
            if (!node.path("type").isTextual() || node.path("type").asText().isEmpty()
                    || !node.path("id").isTextual() || node.path("id").asText().isEmpty()) {
                problem(ImportRule.MISSING_TYPE_OR_ID, i + 1, null, "an object needs a string type and id");
                continue;
            }
            objects.add(new Parsed(i + 1, node.get("type").asText(), node.get("id").asText(), node));
        }
        Map<String, Parsed> byKey = new HashMap<>();
        for (Parsed o : objects) {
            if (byKey.putIfAbsent(o.key(), o) != null) {
                problem(ImportRule.DUPLICATE_OBJECT, o.line, o.key(), "also on line " + byKey.get(o.key()).line
                        + "; OSD rejects the whole import (Non-unique import objects)");
            }
        }
        for (Parsed o : objects) {
            checkObject(o, byKey);
        }
    }

    private void checkObject(Parsed o, Map<String, Parsed> byKey) {
        if (!NEWEST_MIGRATION.containsKey(o.type)) {
            problem(ImportRule.UNKNOWN_TYPE, o.line, o.key(), "type '" + o.type + "' is not one of " + NEWEST_MIGRATION.keySet());
            return;
        }
        checkMigrationVersion(o);
        JsonNode attributes = o.node.get("attributes");
        if (attributes == null || !attributes.isObject() || !attributes.path("title").isTextual()) {
            problem(ImportRule.MISSING_TITLE, o.line, o.key(), "attributes must be an object with a string title");
            return;
        }
        Map<String, String> references = checkReferences(o, byKey);
        checkAttributeKeys(o, attributes);
        switch (o.type) {
            case "index-pattern" -> checkIndexPattern(o, attributes);
            case "visualization" -> checkVisualization(o, attributes, references);
            case "search" -> checkSearchSource(o, attributes, references);
            case "dashboard" -> checkDashboard(o, attributes, references);
            default -> throw new IllegalStateException(o.type);
        }
    }

    private void checkMigrationVersion(Parsed o) {
        JsonNode version = o.node.path("migrationVersion").path(o.type);
        if (version.isMissingNode() || version.isNull()) {
            return;
        }
        String newest = NEWEST_MIGRATION.get(o.type);
        int[] v = semver(version.asText());
        if (v == null || compare(v, semver(newest)) > 0) {
            problem(ImportRule.MIGRATION_VERSION_TOO_NEW, o.line, o.key(), "migrationVersion " + version.asText()
                    + " is newer than the newest " + o.type + " migration " + newest + " (OSD answers 422)");
        }
    }

    /** Returns reference name to "type:id"; reports malformed entries and unresolvable targets. */
    private Map<String, String> checkReferences(Parsed o, Map<String, Parsed> byKey) {
        Map<String, String> byName = new HashMap<>();
        JsonNode refs = o.node.path("references");
        if (refs.isMissingNode() || refs.isNull()) {
            return byName;
        }
        if (!refs.isArray()) {
            problem(ImportRule.INVALID_REFERENCE, o.line, o.key(), "references must be an array");
            return byName;
        }
        for (JsonNode ref : refs) {
            if (!ref.path("name").isTextual() || !ref.path("type").isTextual() || !ref.path("id").isTextual()) {
                problem(ImportRule.INVALID_REFERENCE, o.line, o.key(), "a reference needs string name, type and id: " + ref);
                continue;
            }
            String target = ref.get("type").asText() + ":" + ref.get("id").asText();
            byName.put(ref.get("name").asText(), target);
            boolean checkedByImport = IMPORT_CHECKED_REFERENCES.contains(ref.get("type").asText());
            boolean panelTarget = "dashboard".equals(o.type) && ref.get("name").asText().startsWith("panel_");
            if ((checkedByImport || panelTarget) && !byKey.containsKey(target)) {
                problem(ImportRule.MISSING_REFERENCE, o.line, o.key(), "reference " + ref.get("name").asText() + " points to "
                        + target + ", which is not in the file" + (checkedByImport ? " (OSD: missing_references, nothing is imported)"
                        : " (the panel would show an error)"));
            }
        }
        return byName;
    }

    private void checkAttributeKeys(Parsed o, JsonNode attributes) {
        Set<String> allowed = ATTRIBUTES.get(o.type);
        if (allowed == null) {
            return;
        }
        Iterator<String> keys = attributes.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if ("dashboard".equals(o.type) && "uiStateJSON".equals(key) && dashboardMigrationsWillRun(o)) {
                continue; // the 7.0.0 migration moves it into the panels and drops it
            }
            if (!allowed.contains(key)) {
                problem(ImportRule.UNKNOWN_ATTRIBUTE, o.line, o.key(), "attribute '" + key + "' is not in the strict "
                        + o.type + " mapping" + ("opensearchDashboardsSavedObjectMeta".equals(key) ? " (use kibanaSavedObjectMeta)" : ""));
            }
        }
        checkNestedKeys(o, attributes.get("kibanaSavedObjectMeta"), "kibanaSavedObjectMeta", META_KEYS);
        if ("dashboard".equals(o.type)) {
            checkNestedKeys(o, attributes.get("refreshInterval"), "refreshInterval", REFRESH_KEYS);
        }
    }

    private boolean dashboardMigrationsWillRun(Parsed o) {
        JsonNode v = o.node.path("migrationVersion").path("dashboard");
        int[] parsed = v.isTextual() ? semver(v.asText()) : null;
        return parsed == null || compare(parsed, new int[] {7, 0, 0}) < 0;
    }

    private void checkNestedKeys(Parsed o, JsonNode node, String prefix, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                problem(ImportRule.UNKNOWN_ATTRIBUTE, o.line, o.key(), "attribute '" + prefix + "." + key + "' is not in the strict "
                        + o.type + " mapping");
            }
        });
    }

    private void checkIndexPattern(Parsed o, JsonNode attributes) {
        if (attributes.has("fields")) {
            parseString(o, attributes, "fields", JsonNode::isArray, "must be a JSON string of an array");
        }
        if (attributes.has("fieldFormatMap")) {
            parseString(o, attributes, "fieldFormatMap", JsonNode::isObject, "must be a JSON string of an object");
        }
    }

    private void checkVisualization(Parsed o, JsonNode attributes, Map<String, String> references) {
        parseString(o, attributes, "visState", v -> v.isObject() && v.path("type").isTextual(),
                "must be a JSON object with a type");
        if (attributes.has("uiStateJSON")) {
            parseString(o, attributes, "uiStateJSON");
        }
        if (attributes.has("savedSearchRefName")) {
            String name = attributes.path("savedSearchRefName").asText();
            String target = references.get(name);
            if (target == null || !target.startsWith("search:")) {
                problem(ImportRule.UNRESOLVED_REF_NAME, o.line, o.key(), "savedSearchRefName '" + name
                        + "' has no reference of type search with that name");
            }
        }
        checkSearchSource(o, attributes, references);
    }

    private void checkSearchSource(Parsed o, JsonNode attributes, Map<String, String> references) {
        JsonNode meta = attributes.path("kibanaSavedObjectMeta");
        if (!meta.has("searchSourceJSON")) {
            return;
        }
        JsonNode source = parseString(o, meta, "searchSourceJSON", JsonNode::isObject, "must be a JSON object");
        if (source == null) {
            return;
        }
        if (source.has("indexRefName")) {
            requireRef(o, references, source.get("indexRefName").asText(), "searchSourceJSON.indexRefName", "index-pattern:");
        }
        JsonNode filters = source.path("filter");
        for (int i = 0; i < filters.size(); i++) {
            JsonNode ref = filters.get(i).path("meta").path("indexRefName");
            if (ref.isTextual()) {
                requireRef(o, references, ref.asText(), "searchSourceJSON.filter[" + i + "].meta.indexRefName", "index-pattern:");
            }
        }
    }

    private void checkDashboard(Parsed o, JsonNode attributes, Map<String, String> references) {
        if (attributes.has("uiStateJSON")) {
            parseString(o, attributes, "uiStateJSON");
        }
        if (attributes.has("optionsJSON")) {
            parseString(o, attributes, "optionsJSON", JsonNode::isObject, "must be a JSON object");
        }
        checkSearchSource(o, attributes, references);
        JsonNode panels = parseString(o, attributes, "panelsJSON", JsonNode::isArray, "must be a JSON array");
        if (panels == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < panels.size(); i++) {
            JsonNode panel = panels.get(i);
            JsonNode refName = panel.path("panelRefName");
            if (!refName.isTextual()) {
                problem(ImportRule.UNRESOLVED_REF_NAME, o.line, o.key(), "panel " + i + " has no panelRefName");
                continue;
            }
            String target = references.get(refName.asText());
            if (target == null || !(target.startsWith("visualization:") || target.startsWith("search:"))) {
                problem(ImportRule.UNRESOLVED_REF_NAME, o.line, o.key(), "panelRefName '" + refName.asText()
                        + "' has no reference of type visualization or search with that name");
            }
            if (!seen.add(refName.asText())) {
                problem(ImportRule.UNRESOLVED_REF_NAME, o.line, o.key(), "panelRefName '" + refName.asText() + "' is used twice");
            }
        }
    }

    private void requireRef(Parsed o, Map<String, String> references, String name, String where, String typePrefix) {
        String target = references.get(name);
        if (target == null || !target.startsWith(typePrefix)) {
            problem(ImportRule.UNRESOLVED_REF_NAME, o.line, o.key(), where + " '" + name + "' has no reference of type "
                    + typePrefix.substring(0, typePrefix.length() - 1) + " with that name");
        }
    }

    /**
     * As {@link #parseString(Parsed, JsonNode, String)}, for JSON of one kind: reports {@code key}
     * followed by {@code notOfKind} and returns null when the JSON is of another.
     */
    private JsonNode parseString(Parsed o, JsonNode holder, String key, Predicate<JsonNode> kind, String notOfKind) {
        JsonNode parsed = parseString(o, holder, key);
        if (parsed != null && !kind.test(parsed)) {
            problem(ImportRule.INVALID_JSON_ATTRIBUTE, o.line, o.key(), key + " " + notOfKind);
            return null;
        }
        return parsed;
    }

    /** Parses a JSON-in-a-string attribute; reports and returns null when it is not one. */
    private JsonNode parseString(Parsed o, JsonNode holder, String key) {
        JsonNode value = holder.get(key);
        if (value == null || !value.isTextual()) {
            problem(ImportRule.INVALID_JSON_ATTRIBUTE, o.line, o.key(), key + " must be a string holding JSON");
            return null;
        }
        try {
            JsonNode parsed = JSON.readTree(value.asText());
            if (parsed == null || parsed.isMissingNode()) {
                problem(ImportRule.INVALID_JSON_ATTRIBUTE, o.line, o.key(), key + " is empty");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            problem(ImportRule.INVALID_JSON_ATTRIBUTE, o.line, o.key(), key + " is not valid JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static int[] semver(String s) {
        String[] parts = s.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        int[] v = new int[3];
        try {
            for (int i = 0; i < 3; i++) {
                v[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return v;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private void problem(ImportRule rule, int line, String object, String message) {
        problems.add(new ImportProblem(rule, line, object, message));
    }
}
