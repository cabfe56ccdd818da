package dev.footfall.dashboards.opensearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.ExitCode;
import dev.footfall.dashboards.SetupException;
import dev.footfall.dashboards.http.RestClient;
import dev.footfall.dashboards.http.ServerReadiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The composable index templates (one JSON resource per {@link IndexFamily}) and how they are put
 * into OpenSearch. PUT replaces a template of the same name, so applying is idempotent; a changed
 * template takes effect with the next daily index (existing indices keep their mapping).
 */
public final class IndexTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexTemplates() {
    }

    /** The template exactly as shipped (single-node defaults). */
    public static ObjectNode load(IndexFamily family) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream(family.templateResource())) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + family.templateResource());
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + family.templateResource(), e);
        }
    }

    /** The template with the configured shard and replica counts. */
    public static ObjectNode forSettings(IndexFamily family, IndexSettings settings) {
        ObjectNode template = load(family);
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
