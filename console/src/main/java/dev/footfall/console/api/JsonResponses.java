package dev.footfall.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.console.auth.AccessDenied;
import dev.footfall.console.query.QueryException;
import dev.footfall.index.client.ServerException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the API's answers: JSON bodies, and every failure as {@code {"error": "..."}} with its
 * status (400 a bad query, 401/403 access, 503 OpenSearch unavailable), as Plausible's API does.
 */
final class JsonResponses {

    private static final Logger LOG = LoggerFactory.getLogger(JsonResponses.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    static void send(Response response, Callback callback, int status, JsonNode body) {
        send(response, callback, status, body.toString(), "application/json");
    }

    static void send(Response response, Callback callback, int status, String body, String contentType) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType + "; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static void error(Response response, Callback callback, int status, String message) {
        send(response, callback, status, JSON.createObjectNode().put("error", message));
    }

    /**
     * Answers with the stage's result as a 200 JSON body once it completes ({@code toString()} is
     * its JSON: a {@link JsonNode}, or a bare number), or with its failure's status; either way the
     * callback is completed once.
     */
    static void answer(Response response, Callback callback, CompletionStage<?> json) {
        json.whenComplete((body, failure) -> {
            if (failure != null) {
                failure(response, callback, failure);
            } else {
                send(response, callback, 200, body.toString(), "application/json");
            }
        });
    }

    /** Answers a failure of the request's pipeline with the status its kind calls for. */
    static void failure(Response response, Callback callback, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AccessDenied denied) {
            error(response, callback, denied.status(), denied.getMessage());
        } else if (cause instanceof QueryException bad) {
            error(response, callback, 400, bad.getMessage());
        } else if (cause instanceof ServerException unavailable) {
            LOG.warn("Stats unavailable: {}", unavailable.getMessage());
            error(response, callback, 503, "Stats are unavailable right now: " + unavailable.getMessage());
        } else {
            LOG.error("Stats API request failed", cause);
            error(response, callback, 500, "Internal error; the console's log has the details.");
        }
    }
}
