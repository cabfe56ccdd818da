package dev.footfall.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.console.query.SearchClient;
import dev.footfall.console.query.StatsUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The console's way to OpenSearch: JSON over the JDK's HTTP client, asynchronous, so a Jetty
 * handler completes its callback from the response instead of holding a thread.
 */
public final class OpenSearchAccess implements SearchClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String authorization;
    private final HttpClient http;

    /**
     * @param user     null for no authentication
     * @param insecure trust any certificate (docker-compose's self-signed demo certificates)
     */
    public OpenSearchAccess(String url, String user, String password, boolean insecure) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        this.base = URI.create(u);
        this.authorization = user == null || user.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (insecure) {
            builder.sslContext(trustAll());
        }
        this.http = builder.build();
    }

    public URI baseUri() {
        return base;
    }

    /** An HTTP answer from OpenSearch. */
    public record Response(int status, String body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new StatsUnavailableException("OpenSearch answered " + status + " with a body that is not JSON", e);
            }
        }
    }

    /**
     * Sends one request. The future fails with {@link StatsUnavailableException} when OpenSearch is
     * unreachable or refuses the credentials; other statuses are returned for the caller to judge.
     */
    public CompletableFuture<Response> send(String method, String pathAndQuery, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new StatsUnavailableException("OpenSearch at " + base + " is unreachable: "
                                + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
                    }
                    if (response.statusCode() == 401 || response.statusCode() == 403) {
                        throw new StatsUnavailableException("OpenSearch at " + base + " refused the credentials (HTTP "
                                + response.statusCode() + ")");
                    }
                    return new Response(response.statusCode(), response.body());
                });
    }

    public CompletableFuture<Response> sendJson(String method, String pathAndQuery, JsonNode body) {
        return send(method, pathAndQuery, body == null ? null : body.toString(), "application/json");
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
                throw new StatsUnavailableException("OpenSearch answered HTTP " + response.status() + " to _msearch: "
                        + abbreviate(response.body()));
            }
            List<JsonNode> out = new ArrayList<>();
            response.json().path("responses").forEach(out::add);
            if (out.size() != searches.size()) {
                throw new StatsUnavailableException("OpenSearch answered " + out.size() + " of " + searches.size()
                        + " searches");
            }
            return out;
        });
    }

    static String abbreviate(String body) {
        String one = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }
}
