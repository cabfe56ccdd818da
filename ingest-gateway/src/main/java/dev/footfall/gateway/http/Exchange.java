package dev.footfall.gateway.http;

import dev.footfall.gateway.ingest.Refusal;
import dev.footfall.gateway.ingest.RejectedEvent;
import dev.footfall.gateway.metrics.GatewayMetrics;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request's way back to its client. Whichever thread decides the answer (a request thread,
 * the Kafka producer's, the deadline sweeper's) calls one method here; the first call writes the
 * response and completes Jetty's callback, any later call is ignored. That is what makes
 * "the callback is completed exactly once" hold by construction rather than by care.
 */
final class Exchange {

    static final PreEncodedHttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
    static final PreEncodedHttpField NO_STORE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

    private final String route;
    private final Response response;
    private final Callback callback;
    private final GatewayMetrics metrics;
    private final AtomicBoolean answered = new AtomicBoolean();

    /** Whether the request declared a body (a Content-Length above 0, or chunked). */
    private final boolean bodyExpected;
    private volatile boolean bodyRead;

    Exchange(String route, Response response, Callback callback, GatewayMetrics metrics, boolean bodyExpected) {
        this.route = route;
        this.response = response;
        this.callback = callback;
        this.metrics = metrics;
        this.bodyExpected = bodyExpected;
    }

    /** The whole body has been read: the connection can carry the client's next request. */
    void bodyRead() {
        bodyRead = true;
    }

    /** Whether this exchange may still answer; a cheap check before costly work. */
    boolean isOpen() {
        return !answered.get();
    }

    void json(int status, byte[] body) {
        send(null, status, body, 0);
    }

    void success() {
        send(null, 200, JsonBodies.SUCCESS, 0);
    }

    void partial(int accepted, List<RejectedEvent> rejected) {
        send(null, 200, JsonBodies.partial(accepted, rejected), 0);
    }

    void refuse(Refusal refusal, String message) {
        refuse(refusal, message, 0);
    }

    void refuse(Refusal refusal, String message, long retryAfterSeconds) {
        metrics.requestRefused(refusal.code());
        send(refusal, refusal.status(), JsonBodies.failure(refusal.code(), message, List.of()), retryAfterSeconds);
    }

    /** A refusal with an event-contract reason code (a 400 for an invalid body or event). */
    void invalid(int status, String code, String message, List<RejectedEvent> rejected, long retryAfterSeconds) {
        send(null, status, JsonBodies.failure(code, message, rejected), retryAfterSeconds);
    }

    /**
     * 200 with a body in another media type than JSON, made only once this request is counted:
     * a scrape of the metrics counts itself.
     */
    void ok(PreEncodedHttpField contentType, Supplier<byte[]> body) {
        if (claim(200)) {
            write(null, 200, contentType, body.get(), 0);
        }
    }

    /** 204 with whatever headers the caller already put on the response. */
    void noContent() {
        if (claim(204)) {
            response.setStatus(204);
            response.write(true, null, callback);
        }
    }

    /** The request died under us (client gone): let Jetty clean up. */
    void fail(Throwable failure) {
        if (answered.compareAndSet(false, true)) {
            callback.failed(failure);
        }
    }

    private void send(Refusal refusal, int status, byte[] body, long retryAfterSeconds) {
        if (claim(status)) {
            write(refusal, status, JSON, body, retryAfterSeconds);
        }
    }

    /** Takes the one answer this exchange gives, and counts it; false when it was already given. */
    private boolean claim(int status) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        metrics.request(route, status);
        return true;
    }

    private void write(Refusal refusal, int status, PreEncodedHttpField contentType, byte[] body, long retryAfterSeconds) {
        response.setStatus(status);
        var headers = response.getHeaders();
        headers.put(contentType);
        headers.put(NO_STORE);
        if (retryAfterSeconds > 0) {
            headers.put(HttpHeader.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        if (refusal == Refusal.ORIGIN_NOT_ALLOWED) {
            // The CORS headers (put by Cors for any origin some site allows) never name a refused origin.
            Cors.withdraw(headers);
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        if (bodyExpected && !bodyRead) {
            // Answered before the body was read (a refusal on headers, a body too large, stalled
            // or broken): Jetty cannot reuse the connection unless the rest of the body happens
            // to be there already, and if it closes it silently, a client that reuses it loses
            // its next request. So say it: the client opens a fresh connection.
            headers.put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
