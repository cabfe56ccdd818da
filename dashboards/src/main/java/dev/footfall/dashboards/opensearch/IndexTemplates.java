package dev.footfall.dashboards.opensearch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;

/**
 * Puts the composable index templates (the index contract's, one per {@link IndexFamily}) into
 * OpenSearch with the configured shard and replica counts, and adds the template's fields to the
 * daily indices that already exist. PUT replaces a template of the same name, so applying is
 * idempotent; a changed template shapes the next daily index, and its new fields reach the
 * existing ones through {@link #addFieldsToExistingIndices}.
 */
public final class IndexTemplates {

    private IndexTemplates() {
    }

    /** The template with the configured shard and replica counts. */
    public static ObjectNode forSettings(IndexFamily family, IndexSettings settings) {
        ObjectNode template = family.template();
        ObjectNode index = (ObjectNode) template.with("template").with("settings").with("index");
        index.put("number_of_shards", settings.shards());
        index.put("number_of_replicas", settings.replicas());
        return template;
    }

    /**
     * PUTs the template, then adds its fields to the family's existing indices; fails with a
     * message naming the template and OpenSearch's reason.
     */
    public static void apply(RestClient client, IndexFamily family, IndexSettings settings) {
        String path = "/_index_template/" + family.templateName();
        OpenSearchAnswers.requireSuccess(client, client.put(path, forSettings(family, settings).toString()),
                "OpenSearch refused index template " + family.templateName());
        addFieldsToExistingIndices(client, family);
    }

    /**
     * Adds the template's fields to the mappings of the family's existing daily indices. The
     * mappings are strict, so without this a job that writes a field added to the contract would
     * have every document it sends to an index created before (today's, or a late event's day)
     * refused. Adding a field to a mapping is allowed, changing one is not: a field whose mapping
     * differs from the template's fails here, loudly, before the job could run into it.
     */
    public static void addFieldsToExistingIndices(RestClient client, IndexFamily family) {
        ObjectNode mapping = JsonNodeFactory.instance.objectNode();
        mapping.set("properties", family.template().at("/template/mappings/properties"));
        // No existing index of the family (a new deployment) is not an error.
        String path = "/" + family.indexPattern() + "/_mapping?allow_no_indices=true&expand_wildcards=open";
        OpenSearchAnswers.requireSuccess(client, client.put(path, mapping.toString()),
                "OpenSearch refused the fields of " + family.templateName() + " for its existing indices");
    }
}
