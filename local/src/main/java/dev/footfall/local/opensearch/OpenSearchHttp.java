package dev.footfall.local.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.SetupException;
import dev.footfall.dashboards.http.Endpoint;
import dev.footfall.dashboards.http.RestClient;
import dev.footfall.dashboards.http.TlsTrust;
import java.io.IOException;

/**
 * The searches and deletes of {@code report} and {@code erase}, over the dashboards module's
 * {@link RestClient} (so credentials and TLS trust work the same as for {@code setup}), with
 * errors a person can act on.
 */
public final class OpenSearchHttp {

    private final RestClient client;

    /**
     * @param user null for no authentication
     * @param insecure trust any certificate (the self-signed demo certificates of docker-compose)
     */
    public OpenSearchHttp(String baseUrl, String user, String password, boolean insecure) {
        Endpoint endpoint = Endpoint.of("OpenSearch", baseUrl);
        if (user != null && !user.isEmpty()) {
            endpoint = endpoint.withCredentials(user, password == null ? "" : password);
        }
        if (insecure) {
            endpoint = endpoint.withTls(TlsTrust.insecureTrustAll());
        }
        this.client = new RestClient(endpoint);
    }

    /** {@code POST /{indexPattern}/_search}; missing indices count as empty, not as errors. */
    public JsonNode search(String indexPattern, JsonNode body) throws IOException {
        return post(indexPattern + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
    }

    /** {@code POST /{indexPattern}/_delete_by_query}, waiting for completion and refreshing. */
    public JsonNode deleteByQuery(String indexPattern, JsonNode body) throws IOException {
        return post(indexPattern
                + "/_delete_by_query?ignore_unavailable=true&allow_no_indices=true&refresh=true&conflicts=proceed", body);
    }

    private JsonNode post(String path, JsonNode body) throws IOException {
        RestClient.Response response;
        try {
            response = client.post("/" + path, body.toString());
        } catch (SetupException e) {
            throw new IOException(e.getMessage() + " (is the pipeline running? start it with ./footfall up, "
                    + "or pass --opensearch URL)", e);
        }
        if (response.isAuthFailure()) {
            throw new IOException("OpenSearch refused the credentials (HTTP " + response.status() + ") at "
                    + client.endpoint().baseUri() + ": pass --user and --password (or FOOTFALL_OPENSEARCH_USER/PASSWORD)");
        }
        if (!response.isSuccess()) {
            throw new IOException("OpenSearch answered HTTP " + response.status() + " to POST /" + path + ": "
                    + response.errorSummary());
        }
        return response.json();
    }
}
