package dev.footfall.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongPredicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.embedded.EmbeddedOpenSearch;

/**
 * Test-side OpenSearch access over its REST API (JDK {@link HttpClient} and Jackson): create and
 * delete indices, bulk-index, refresh, search, count, aggregate, and wait for a document count.
 * Any answer other than 2xx fails with the status and the body OpenSearch sent.
 */
public final class OpenSearchTestClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public OpenSearchTestClient(EmbeddedOpenSearch node) {
        this(node.httpUrl());
    }

    /** @param baseUrl for example {@code http://127.0.0.1:9200} */
    public OpenSearchTestClient(String baseUrl) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
    }

    /** OpenSearch answered with a status other than 2xx. */
    public static final class ResponseException extends RuntimeException {
        private final int status;

        ResponseException(String request, int status, String body) {
            super(request + " answered " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Creates an index with one shard and no replicas (so a single node is green) and the given
     * mapping, for example {@code {"properties":{"event":{"type":"keyword"}}}}.
     */
    public JsonNode createIndex(String index, String mappingJson) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        body.set("mappings", parse(mappingJson));
        return request("PUT", "/" + encode(index), body.toString());
    }

    /** Deletes the index; an index that does not exist is fine. */
    public void deleteIndex(String index) {
        try {
            request("DELETE", "/" + encode(index), null);
        } catch (ResponseException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /**
     * Indexes the documents (any Jackson-serializable objects, or JSON strings) in one bulk request
     * with ids chosen by OpenSearch, then refreshes so they are searchable at once.
     */
    public void bulkIndex(String index, List<?> documents) {
        StringBuilder body = new StringBuilder();
        for (Object document : documents) {
            body.append("{\"index\":{}}\n").append(toJson(document)).append('\n');
        }
        bulk(index, body);
    }

    /** As {@link #bulkIndex(String, List)}, with the map's keys as document ids (a repeated id overwrites). */
    public void bulkIndex(String index, Map<String, ?> documentsById) {
        StringBuilder body = new StringBuilder();
        documentsById.forEach((id, document) -> {
            ObjectNode action = JSON.createObjectNode();
            action.putObject("index").put("_id", id);
            body.append(action).append('\n').append(toJson(document)).append('\n');
        });
        bulk(index, body);
    }

    public void refresh(String index) {
        request("POST", "/" + encode(index) + "/_refresh", null);
    }

    /** Runs a search request body, for example {@code {"query":{"term":{"event":"signup"}}}}. */
    public JsonNode search(String index, String searchJson) {
        return request("POST", "/" + encode(index) + "/_search", searchJson);
    }

    public long count(String index) {
        return count(index, "{\"query\":{\"match_all\":{}}}");
    }

    /** Counts the documents a query body such as {@code {"query":{...}}} matches. */
    public long count(String index, String queryJson) {
        return request("POST", "/" + encode(index) + "/_count", queryJson).path("count").asLong();
    }

    /**
     * Runs aggregations, for example {@code {"by_event":{"terms":{"field":"event"}}}}, over the
     * whole index and returns the response's {@code aggregations} object.
     */
    public JsonNode aggregate(String index, String aggregationsJson) {
        return aggregate(index, null, aggregationsJson);
    }

    /** As {@link #aggregate(String, String)}, over the documents {@code queryJson} (a query object) matches. */
    public JsonNode aggregate(String index, String queryJson, String aggregationsJson) {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", 0);
        if (queryJson != null) {
            body.set("query", parse(queryJson));
        }
        body.set("aggs", parse(aggregationsJson));
        return search(index, body.toString()).path("aggregations");
    }

    /**
     * Refreshes and counts until the count satisfies {@code condition}, for data that arrives from
     * elsewhere (a Flink job, the gateway). A missing index counts as 0. Returns the last count;
     * fails with it once the deadline passes.
     */
    public long awaitCount(String index, LongPredicate condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = -1;
        while (true) {
            try {
                refresh(index);
                count = count(index);
            } catch (ResponseException e) {
                if (e.status() != 404) {
                    throw e;
                }
                count = 0;
            }
            if (condition.test(count)) {
                return count;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Count of " + index + " did not reach the expected value within "
                        + timeout + "; last count " + count);
            }
            pollPause();
        }
    }

    /**
     * Sends any request; {@code body} may be null. Returns the parsed answer (an empty object for
     * an empty body).
     */
    public JsonNode request(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(DEFAULT_TIMEOUT)
                .header("Content-Type", path.contains("/_bulk") ? "application/x-ndjson" : "application/json");
        builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ResponseException(method + " " + path, response.statusCode(), response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : parse(response.body());
    }

    private void bulk(String index, StringBuilder body) {
        if (body.length() == 0) {
            return;
        }
        JsonNode answer = request("POST", "/" + encode(index) + "/_bulk?refresh=true", body.toString());
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                JsonNode error = item.path("index").path("error");
                if (!error.isMissingNode()) {
                    throw new AssertionError("Bulk indexing into " + index + " failed: " + error);
                }
            }
            throw new AssertionError("Bulk indexing into " + index + " reported errors: " + answer);
        }
    }

    private static String toJson(Object document) {
        if (document instanceof String text) {
            return parse(text).toString();
        }
        try {
            return JSON.writeValueAsString(document);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write document as JSON: " + document, e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not valid JSON: " + json, e);
        }
    }

    private static String encode(String index) {
        return URLEncoder.encode(Objects.requireNonNull(index, "index"), StandardCharsets.UTF_8);
    }

    private static void pollPause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a count", e);
        }
    }
}
