package dev.footfall.gateway.http;

import dev.footfall.gateway.ingest.Refusal;
import dev.footfall.gateway.metrics.GatewayMetrics;
import dev.footfall.gateway.sink.KafkaSink;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The operational routes: liveness, sink health, metrics, and the JSON 404 for everything else. */
final class StatusHandlers {

    private static final byte[] UP = JsonBodies.status("up", null);
    private static final PreEncodedHttpField PROMETHEUS = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8");

    private StatusHandlers() {
    }

    /** {@code GET /health}: the process is up and serving. */
    static Handler liveness(GatewayMetrics metrics) {
        return new GetRoute("/health", metrics, exchange -> exchange.json(200, UP));
    }

    /**
     * {@code GET /health/sink}: whether Kafka has the raw topic with a leader for every partition
     * and the producer is not failing. Asked asynchronously; answered from the admin client.
     */
    static Handler sinkHealth(KafkaSink sink, GatewayMetrics metrics) {
        return new GetRoute("/health/sink", metrics, exchange -> sink.checkHealth(
                (up, detail) -> exchange.json(up ? 200 : 503, JsonBodies.status(up ? "up" : "down", detail))));
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    static Handler metrics(GatewayMetrics metrics) {
        return new GetRoute("/metrics", metrics,
                exchange -> exchange.ok(PROMETHEUS, () -> metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    /** A route that answers GET and HEAD with {@code answer}, and any other method with a 405. */
    private static final class GetRoute extends Handler.Abstract.NonBlocking {
        private final String route;
        private final GatewayMetrics metrics;
        private final Consumer<Exchange> answer;

        GetRoute(String route, GatewayMetrics metrics, Consumer<Exchange> answer) {
            this.route = route;
            this.metrics = metrics;
            this.answer = answer;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Exchange exchange = new Exchange(route, response, callback, metrics, request.getLength() != 0);
            String method = request.getMethod();
            if (HttpMethod.GET.is(method) || HttpMethod.HEAD.is(method)) {
                answer.accept(exchange);
            } else {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                exchange.refuse(Refusal.METHOD_NOT_ALLOWED, route + " accepts GET, not " + method);
            }
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
}
