package dev.footfall.gateway.http;

import dev.footfall.gateway.ingest.Refusal;
import dev.footfall.gateway.metrics.GatewayMetrics;
import dev.footfall.gateway.sink.KafkaSink;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The operational routes: liveness, sink health, metrics, and the JSON 404 for everything else. */
final class StatusHandlers {

    private StatusHandlers() {
    }

    /** {@code GET /health}: the process is up and serving. */
    static final class Liveness extends Handler.Abstract.NonBlocking {
        private static final byte[] UP = JsonBodies.status("up", null);
        private final GatewayMetrics metrics;

        Liveness(GatewayMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Exchange exchange = new Exchange("/health", response, callback, metrics, request.getLength() != 0);
            if (refuseUnlessGet(request, response, exchange, "/health")) {
                return true;
            }
            exchange.json(200, UP);
            return true;
        }
    }

    /**
     * {@code GET /health/sink}: whether Kafka has the raw topic with a leader for every partition
     * and the producer is not failing. Asked asynchronously; answered from the admin client.
     */
    static final class SinkHealth extends Handler.Abstract.NonBlocking {
        private final KafkaSink sink;
        private final GatewayMetrics metrics;

        SinkHealth(KafkaSink sink, GatewayMetrics metrics) {
            this.sink = sink;
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Exchange exchange = new Exchange("/health/sink", response, callback, metrics, request.getLength() != 0);
            if (refuseUnlessGet(request, response, exchange, "/health/sink")) {
                return true;
            }
            sink.checkHealth((up, detail) -> exchange.json(up ? 200 : 503, JsonBodies.status(up ? "up" : "down", detail)));
            return true;
        }
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    static final class Metrics extends Handler.Abstract.NonBlocking {
        private static final PreEncodedHttpField PROMETHEUS = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8");
        private final GatewayMetrics metrics;

        Metrics(GatewayMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Exchange exchange = new Exchange("/metrics", response, callback, metrics, request.getLength() != 0);
            if (refuseUnlessGet(request, response, exchange, "/metrics")) {
                return true;
            }
            metrics.request("/metrics", 200);
            byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.getHeaders().put(PROMETHEUS);
            response.getHeaders().put(Exchange.NO_STORE);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }

    /** The last handler: anything no route took, whatever its method (a preflight included). */
    static final class NotFound extends Handler.Abstract.NonBlocking {
        private final String hint;
        private final GatewayMetrics metrics;

        NotFound(String prefix, GatewayMetrics metrics) {
            this.hint = "; events go to " + prefix + "/v1/batch, " + prefix + "/v1/track, ... or " + prefix + "/api/events";
            this.metrics = metrics;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            new Exchange("other", response, callback, metrics, request.getLength() != 0).refuse(Refusal.NOT_FOUND,
                    "no route " + request.getMethod() + " " + Request.getPathInContext(request) + hint);
            return true;
        }
    }

    private static boolean refuseUnlessGet(Request request, Response response, Exchange exchange, String route) {
        String method = request.getMethod();
        if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        exchange.refuse(Refusal.METHOD_NOT_ALLOWED, route + " accepts GET, not " + method);
        return true;
    }
}
