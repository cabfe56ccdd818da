package dev.footfall.dashboards.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.ExitCode;
import dev.footfall.dashboards.SetupException;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerReadiness;

/**
 * Puts the composable index templates (the index contract's, one per {@link IndexFamily}) into
 * OpenSearch with the configured shard and replica counts. PUT replaces a template of the same
 * name, so applying is idempotent; a changed template takes effect with the next daily index
 * (existing indices keep their mapping).
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

    /** PUTs the template; fails with a message naming the template and OpenSearch's reason. */
    public static void apply(RestClient client, IndexFamily family, IndexSettings settings) {
        String path = "/_index_template/" + family.templateName();
        RestClient.Response response = client.put(path, forSettings(family, settings).toString());
        if (response.isAuthFailure()) {
            throw ServerReadiness.authFailure(client.endpoint(), response);
        }
        if (!response.isSuccess()) {
            throw new SetupException(ExitCode.OPENSEARCH_REJECTED, "OpenSearch refused index template "
                    + family.templateName() + ": HTTP " + response.status() + " " + response.errorSummary());
        }
    }
}
