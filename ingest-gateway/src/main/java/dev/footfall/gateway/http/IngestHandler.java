package dev.footfall.gateway.http;

import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.gateway.ingest.IntakeResult;
import dev.footfall.gateway.ingest.MessageIntake;
import dev.footfall.gateway.ingest.Refusal;
import dev.footfall.gateway.ingest.RequestFacts;
import dev.footfall.gateway.ingest.Route;
import dev.footfall.gateway.limits.RateLimiter;
import dev.footfall.gateway.metrics.GatewayMetrics;
import dev.footfall.gateway.privacy.ClientAddress;
import dev.footfall.gateway.privacy.ClientAddressResolver;
import dev.footfall.gateway.sink.KafkaSink;
import dev.footfall.gateway.sink.SinkCompletion;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One ingest route ({@code /v1/track} ... {@code /v1/batch}, {@code /api/events}). Everything
 * that needs only headers is decided before the body is read (method, origin, address rate
 * limit, content type, declared size, a header write key); then the body is read
 * asynchronously, turned into records by {@link MessageIntake}, and handed to Kafka. The
 * response is written by whichever thread learns the outcome, through {@link Exchange}.
 */
final class IngestHandler extends Handler.Abstract.NonBlocking {

    /** Everything the ingest routes share. */
    record Shared(
            Sites sites,
            MessageIntake intake,
            KafkaSink sink,
            ClientAddressResolver addresses,
            RateLimiter addressLimiter,
            GatewayMetrics metrics,
            Cors cors,
            int maxRequestBytes,
            int sinkRetryAfterSeconds) {
    }

    private final Route route;
    private final Shared shared;

    IngestHandler(Route route, Shared shared) {
        this.route = route;
        this.shared = shared;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Exchange exchange = new Exchange(route.path(), response, callback, shared.metrics(), request.getLength() != 0);
        HttpFields headers = request.getHeaders();
        if (headers.getValuesList(HttpHeader.ORIGIN).size() > 1) {
            // No browser sends two; a proxy could read the other one than we would.
            exchange.refuse(Refusal.ORIGIN_NOT_ALLOWED, "the request carries more than one Origin header");
            return true;
        }
        // Cors has already named an allowed origin on the response; a refusal of the origin takes it back.
        String origin = Sites.normalizeOriginHeader(headers.get(HttpHeader.ORIGIN));
        String method = request.getMethod();
        if (HttpMethod.OPTIONS.is(method)) {
            shared.cors().answerOptions(request, response, exchange, origin);
            return true;
        }
        if (!HttpMethod.POST.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            exchange.refuse(Refusal.METHOD_NOT_ALLOWED, Request.getPathInContext(request) + " accepts POST, not " + method);
            return true;
        }
        if (origin != null && !shared.sites().anySiteAllows(origin)) {
            exchange.refuse(Refusal.ORIGIN_NOT_ALLOWED, "origin " + origin + " is not allowed by any site");
            return true;
        }
        ClientAddress address = shared.addresses().resolve(
                request.getConnectionMetaData().getRemoteSocketAddress(), forwardedFor(headers));
        long wait = shared.addressLimiter().tryAcquire(address.key());
        if (wait > 0) {
            exchange.refuse(Refusal.RATE_LIMITED, "too many requests from this client address: the limit is "
                    + shared.addressLimiter().describe() + " per address", wait);
            return true;
        }
        String encoding = headers.get(HttpHeader.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.equalsIgnoreCase("gzip");
        String mediaTypeProblem = MediaTypes.problem(headers.get(HttpHeader.CONTENT_TYPE), gzip);
        if (mediaTypeProblem != null) {
            exchange.refuse(Refusal.UNSUPPORTED_MEDIA_TYPE, mediaTypeProblem);
            return true;
        }
        if (encoding != null && !gzip && !encoding.equalsIgnoreCase("identity")) {
            exchange.refuse(Refusal.UNSUPPORTED_ENCODING, "Content-Encoding '" + encoding
                    + "' is not supported; send gzip or an uncompressed body");
            return true;
        }
        long declared = request.getLength();
        if (declared > shared.maxRequestBytes()) {
            exchange.refuse(Refusal.PAYLOAD_TOO_LARGE, tooLargeMessage(declared));
            return true;
        }
        String requestKey = requestWriteKey(request, headers, exchange);
        if (!exchange.isOpen()) {
            return true;
        }
        if (requestKey != null) {
            Site site = shared.sites().byWriteKey(requestKey);
            if (site == null) {
                exchange.refuse(Refusal.UNKNOWN_WRITE_KEY, "the write key is not known to this gateway");
                return true;
            }
            if (origin != null && !site.allowsOrigin(origin)) {
                exchange.refuse(Refusal.ORIGIN_NOT_ALLOWED,
                        "origin " + origin + " is not allowed to send events for site '" + site.id() + "'");
                return true;
            }
        }
        RequestFacts facts = new RequestFacts(requestKey, origin, address, headers.get(HttpHeader.USER_AGENT),
                Instant.ofEpochMilli(Request.getTimeStamp(request)));
        BodyReader.read(request, shared.maxRequestBytes(), new BodyReader.Listener() {
            @Override
            public void body(byte[] bytes, int length) {
                exchange.bodyRead();
                shared.metrics().bytesReceived(length);
                if (gzip) {
                    RequestBodies.Inflated inflated = RequestBodies.gunzip(bytes, length, shared.maxRequestBytes());
                    if (inflated.tooLarge()) {
                        exchange.refuse(Refusal.PAYLOAD_TOO_LARGE, "the inflated body is larger than "
                                + shared.maxRequestBytes() + " bytes");
                    } else if (inflated.error() != null) {
                        exchange.refuse(Refusal.INVALID_COMPRESSED_BODY, inflated.error());
                    } else {
                        process(exchange, inflated.bytes(), inflated.length(), facts);
                    }
                    return;
                }
                process(exchange, bytes, length, facts);
            }

            @Override
            public void tooLarge(long bytesSoFar) {
                exchange.refuse(Refusal.PAYLOAD_TOO_LARGE, tooLargeMessage(bytesSoFar));
            }

            @Override
            public void failed(Throwable failure) {
                if (failure instanceof TimeoutException) {
                    exchange.refuse(Refusal.REQUEST_TIMEOUT, "the body did not arrive in time");
                } else if (failure instanceof EofException) {
                    // Jetty reports a broken chunk as an early end of the body, as it does a short one.
                    exchange.refuse(Refusal.MALFORMED_BODY_FRAMING, "the body ended before it was complete, "
                            + "or its chunked encoding is invalid");
                } else {
                    exchange.fail(failure);
                }
            }
        });
        return true;
    }

    /**
     * The write key the request carries outside its body: HTTP Basic, or the query string's
     * {@code writeKey} (RudderStack's beacons), which must agree when both are given. Null when
     * there is none; when one is present but unusable, the exchange is answered (401) instead.
     */
    private static String requestWriteKey(Request request, HttpFields headers, Exchange exchange) {
        String authorization = headers.get(HttpHeader.AUTHORIZATION);
        String problem = headers.getValuesList(HttpHeader.AUTHORIZATION).size() > 1
                ? "the request carries more than one Authorization header" : WriteKeys.problem(authorization);
        WriteKeys.QueryKey query = WriteKeys.fromQuery(request.getHttpURI().getQuery());
        if (problem == null) {
            problem = query.problem();
        }
        if (problem != null) {
            exchange.refuse(Refusal.INVALID_AUTHORIZATION, problem);
            return null;
        }
        String headerKey = WriteKeys.fromAuthorization(authorization);
        if (headerKey != null && query.key() != null && !headerKey.equals(query.key())) {
            exchange.refuse(Refusal.CONFLICTING_WRITE_KEYS,
                    "the Authorization header and the query string carry different write keys");
            return null;
        }
        return headerKey != null ? headerKey : query.key();
    }

    /**
     * Every {@code X-Forwarded-For} line, joined in order: a proxy may add its own line instead of
     * appending to the client's, and reading only the first line would then believe the client.
     */
    private static String forwardedFor(HttpFields headers) {
        String first = headers.get(HttpHeader.X_FORWARDED_FOR);
        if (first == null) {
            return null;
        }
        java.util.List<String> lines = headers.getValuesList(HttpHeader.X_FORWARDED_FOR);
        return lines.size() == 1 ? first : String.join(",", lines);
    }

    private String tooLargeMessage(long bytes) {
        return "the body is " + (bytes > shared.maxRequestBytes() ? "over " : "") + shared.maxRequestBytes()
                + " bytes, the limit for one request";
    }

    private void process(Exchange exchange, byte[] body, int length, RequestFacts facts) {
        IntakeResult result = shared.intake().accept(route, body, length, facts);
        if (!result.isReady()) {
            if (result.refusal() != null) {
                exchange.refuse(result.refusal(), result.message(), result.retryAfterSeconds());
            } else {
                exchange.invalid(result.status(), result.code(), result.message(), result.rejected(), 0);
            }
            return;
        }
        int accepted = result.records().size();
        shared.sink().send(result.records(), result.recordBytes(), new SinkCompletion() {
            @Override
            public void stored() {
                shared.metrics().eventsAccepted(accepted);
                if (result.rejected().isEmpty()) {
                    exchange.success();
                } else {
                    exchange.partial(accepted, result.rejected());
                }
            }

            @Override
            public void unavailable(String reason) {
                exchange.refuse(Refusal.SINK_UNAVAILABLE, reason, shared.sinkRetryAfterSeconds());
            }
        });
    }
}
