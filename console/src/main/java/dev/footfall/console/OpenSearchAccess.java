package dev.footfall.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.console.query.SearchClient;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import dev.footfall.index.client.ServerReadiness;
import dev.footfall.index.client.TlsTrust;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The console's way to OpenSearch: the shared {@link RestClient} (credentials, TLS trust, errors
 * that name the server), used asynchronously, so a Jetty handler completes its callback from the
 * answer instead of holding a thread.
 */
public final class OpenSearchAccess implements SearchClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient client;

    public OpenSearchAccess(RestClient client) {
        this.client = client;
    }

    /** From the console's settings: URL, optional basic auth, and which certificates to trust. */
    public static OpenSearchAccess of(ConsoleConfig config) {
        TlsTrust tls = config.openSearchInsecure() ? TlsTrust.insecureTrustAll()
                : config.openSearchCaCert() != null ? TlsTrust.caCertificate(config.openSearchCaCert())
                : TlsTrust.systemDefault();
        return new OpenSearchAccess(new RestClient(Endpoint.of("OpenSearch", config.openSearchUrl())
                .withCredentials(config.openSearchUser(), config.openSearchPassword()).withTls(tls)));
    }

    /** Without credentials or special trust: tests and the local mode's embedded node. */
    public static OpenSearchAccess of(String url) {
        return new OpenSearchAccess(new RestClient(Endpoint.of("OpenSearch", url)));
    }

    /**
     * Sends one request. The future fails with a {@link ServerException} when OpenSearch is
     * unreachable or refuses the credentials; other statuses are returned for the caller to judge.
     */
    public CompletableFuture<RestClient.Response> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = client.request(path);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return client.sendAsync(request).thenApply(response -> {
            if (response.isAuthFailure()) {
                // The one wording of every component: the server, its URL and the user refused.
                throw ServerReadiness.authFailure(client.endpoint(), response);
            }
            return response;
        });
    }

    public CompletableFuture<RestClient.Response> sendJson(String method, String path, JsonNode body) {
        return send(method, path, body == null ? null : body.toString(), "application/json");
    }

    @Override
    public CompletableFuture<List<JsonNode>> multiSearch(List<Search> searches) {
        StringBuilder ndjson = new StringBuilder();
        for (Search search : searches) {
            ndjson.append(JSON.createObjectNode().put("index", search.indexPattern())
                    .put("ignore_unavailable", true).put("allow_no_indices", true)).append('\n');
            ndjson.append(search.body()).append('\n');
        }
        return send("POST", "/_msearch", ndjson.toString(), "application/x-ndjson").thenApply(response -> {
            if (!response.isSuccess()) {
                throw new ServerException(ServerException.Kind.REJECTED, "OpenSearch answered HTTP " + response.status()
                        + " to _msearch: " + response.errorSummary());
            }
            List<JsonNode> out = new ArrayList<>();
            response.json().path("responses").forEach(out::add);
            if (out.size() != searches.size()) {
                throw new ServerException(ServerException.Kind.FAILED, "OpenSearch answered " + out.size() + " of "
                        + searches.size() + " searches");
            }
            return out;
        });
    }
}
