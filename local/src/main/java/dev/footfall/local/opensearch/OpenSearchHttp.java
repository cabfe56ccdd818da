package dev.footfall.local.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A few JSON calls to OpenSearch's REST API over the JDK client, with clear errors. */
public final class OpenSearchHttp {

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public OpenSearchHttp(String baseUrl, String user, String password) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.authorization = user == null || user.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    /** {@code POST /{indexPattern}/_search}; missing indices count as empty, not as errors. */
    public JsonNode search(String indexPattern, JsonNode body) throws IOException {
        return send("POST", indexPattern + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
    }

    /** {@code POST /{indexPattern}/_delete_by_query}, waiting for completion and refreshing. */
    public JsonNode deleteByQuery(String indexPattern, JsonNode body) throws IOException {
        return send("POST", indexPattern
                + "/_delete_by_query?ignore_unavailable=true&allow_no_indices=true&refresh=true&conflicts=proceed", body);
    }

    public JsonNode send(String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new IOException("OpenSearch is not reachable at " + base + " (is the pipeline running? "
                    + "start it with ./footfall up, or pass --opensearch URL)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling OpenSearch", e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new IOException("OpenSearch refused the credentials (HTTP " + status + ") at " + base);
        }
        if (status >= 300) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new IOException("OpenSearch answered HTTP " + status + " to " + method + " /" + path + ": "
                    + (text.length() > 500 ? text.substring(0, 500) + "..." : text));
        }
        return json.readTree(response.body());
    }
}
