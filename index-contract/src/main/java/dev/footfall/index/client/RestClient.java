package dev.footfall.index.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.index.client.ServerException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Base64;
import javax.net.ssl.SSLException;

/**
 * The one JSON-over-HTTP client for OpenSearch and OpenSearch Dashboards, for one {@link Endpoint}
 * (JDK HttpClient: a few admin calls and aggregation searches need no search client library).
 * Transport failures become a {@link ServerException} of kind {@link Kind#UNREACHABLE} that names
 * the server and the cause. The plain verbs return HTTP statuses as they are, for the caller to
 * judge; {@link #search} and {@link #deleteByQuery} judge them for OpenSearch.
 *
 * <pre>{@code
 * RestClient openSearch = new RestClient(Endpoint.of("OpenSearch", "https://localhost:9200")
 *         .withCredentials(user, password).withTls(TlsTrust.caCertificate(caPem)));
 * JsonNode answer = openSearch.search(IndexFamily.EVENTS.indexPattern(), query);
 * }</pre>
 */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final Endpoint endpoint;
    private final HttpClient http;

    public RestClient(Endpoint endpoint) {
        this.endpoint = endpoint;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if ("https".equals(endpoint.baseUri().getScheme())) {
            builder.sslContext(endpoint.tls().sslContext());
        }
        this.http = builder.build();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /**
     * {@code POST /{indexPattern}/_search}. Missing indices count as empty, not as errors (a new
     * deployment has no daily index yet).
     *
     * @throws ServerException unreachable, credentials refused, or any other non-2xx answer
     */
    public JsonNode search(String indexPattern, JsonNode body) {
        return postForJson("/" + indexPattern + "/_search?ignore_unavailable=true&allow_no_indices=true", body);
    }

    /** {@code POST /{indexPattern}/_delete_by_query}, waiting for completion and refreshing. */
    public JsonNode deleteByQuery(String indexPattern, JsonNode body) {
        return postForJson("/" + indexPattern
                + "/_delete_by_query?ignore_unavailable=true&allow_no_indices=true&refresh=true&conflicts=proceed", body);
    }

    private JsonNode postForJson(String path, JsonNode body) {
        Response response = post(path, body.toString());
        if (response.isAuthFailure()) {
            throw ServerReadiness.authFailure(endpoint, response);
        }
        if (!response.isSuccess()) {
            throw new ServerException(Kind.REJECTED, endpoint.name() + " at " + endpoint.baseUri() + " answered HTTP "
                    + response.status() + " to POST " + response.path() + ": " + response.errorSummary());
        }
        return response.json();
    }

    /** A request builder for {@code path} with timeouts and credentials already set. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(REQUEST_TIMEOUT);
        endpoint.credentials().ifPresent(c -> b.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8))));
        return b;
    }

    public Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(request.method(), request.uri().getPath(), response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException(Kind.FAILED, "interrupted while calling " + endpoint.name(), e);
        } catch (IOException e) {
            throw transportFailure(e);
        }
    }

    /**
     * {@link #send} without blocking the caller (a server's request thread): the future completes
     * with the answer, or fails with the same {@link ServerException} {@code send} would throw.
     */
    public CompletableFuture<Response> sendAsync(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw cause instanceof IOException io ? transportFailure(io)
                                : new ServerException(Kind.FAILED, endpoint.name() + " call failed: " + cause, cause);
                    }
                    return new Response(request.method(), request.uri().getPath(), response.statusCode(), response.body());
                });
    }

    /** What a failed exchange means, in words that say which server and what to try. */
    private ServerException transportFailure(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return unreachable("the connection timed out", e);
        }
        if (e instanceof HttpTimeoutException) {
            return unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        }
        if (e instanceof ConnectException) {
            return unreachable(e.getMessage() == null ? "connection refused" : "connection refused (" + e.getMessage() + ")", e);
        }
        Throwable root = e instanceof SSLException ? e : rootCause(e);
        if (root instanceof UnknownHostException) {
            return unreachable("unknown host " + endpoint.baseUri().getHost(), e);
        }
        if (root instanceof SSLException) {
            return unreachable("TLS handshake failed: " + root.getMessage() + "; certificates were checked against "
                    + endpoint.tls().describe() + " (use --ca-cert FILE for a private CA, or --insecure for a self-signed demo certificate)", e);
        }
        Throwable shown = rootCause(e) instanceof ConnectException ? rootCause(e) : e;
        if (shown instanceof ConnectException) {
            return unreachable(shown.getMessage() == null ? "connection refused" : "connection refused (" + shown.getMessage() + ")", e);
        }
        return unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
    }

    private ServerException unreachable(String why, Throwable cause) {
        return new ServerException(Kind.UNREACHABLE,
                endpoint.name() + " at " + endpoint.baseUri() + " is unreachable: " + why, cause);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    /** A server's answer. */
    public record Response(String method, String path, int status, String body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public boolean isAuthFailure() {
            return status == 401 || status == 403;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new ServerException(Kind.FAILED,
                        method + " " + path + " answered " + status + " with a body that is not JSON: " + abbreviate(body), e);
            }
        }

        /** The most useful part of an error body: OpenSearch's {@code error.reason} or OSD's {@code message}. */
        public String errorSummary() {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.hasNonNull("error")) {
                    JsonNode error = node.get("error");
                    if (error.isObject()) {
                        String type = error.path("type").asText("");
                        String reason = error.path("reason").asText("");
                        return (type.isEmpty() ? "" : type + ": ") + reason;
                    }
                    if (node.hasNonNull("message")) {
                        return node.get("error").asText() + ": " + node.get("message").asText();
                    }
                    return error.asText();
                }
                if (node != null && node.hasNonNull("message")) {
                    return node.get("message").asText();
                }
            } catch (IOException | RuntimeException notJson) {
                // fall through to the raw body
            }
            return abbreviate(body);
        }

        private static String abbreviate(String s) {
            if (s == null || s.isBlank()) {
                return "(empty body)";
            }
            String one = s.replaceAll("\\s+", " ").trim();
            return one.length() > 300 ? one.substring(0, 300) + "..." : one;
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status;
        }
    }
}
