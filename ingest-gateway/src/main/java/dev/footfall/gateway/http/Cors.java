package dev.footfall.gateway.http;

import dev.footfall.config.sites.Sites;
import dev.footfall.gateway.ingest.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CORS for every route, from the sites' allowed origins (exact matches, no patterns, so the check
 * is one hash lookup). Wrapped around the route table, it names an allowed origin on every answer,
 * whatever route or refusal writes it, so a page can always read why it was refused; origins no
 * site allows get no CORS headers at all, and the browser keeps the page from reading or sending.
 * A preflight carries no credentials, so it is answered for any origin some site allows; the real
 * request is then checked against its own site.
 */
final class Cors extends Handler.Wrapper {

    /** Every response depends on the Origin header, so shared caches must key on it. */
    private static final PreEncodedHttpField VARY_ORIGIN = new PreEncodedHttpField(HttpHeader.VARY, "Origin");
    private static final PreEncodedHttpField EXPOSE = new PreEncodedHttpField(
            HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
    private static final PreEncodedHttpField ALLOW_METHODS = new PreEncodedHttpField(
            HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");

    /**
     * The request headers a page may send, in the case the SDKs write them. The tracker and the
     * minimal {@code trackEvent} snippet send Content-Type; Segment's analytics-next adds Authorization
     * (Basic, the write key) and X-Retry-Count on retries; RudderStack's browser SDK adds
     * Authorization, AnonymousId and SentAt, Rsa-Recovered on events reclaimed from storage, and
     * the Rsa-Retry-* headers on retries. The gateway reads only Authorization, Content-Type and
     * Content-Encoding; the others are informational, so allowing them opens nothing.
     */
    static final List<String> ALLOWED_REQUEST_HEADERS = List.of("Content-Type", "Authorization",
            "Content-Encoding", "AnonymousId", "SentAt", "X-Retry-Count", "Rsa-Recovered", "Rsa-Retry-Attempt",
            "Rsa-Retry-Reason", "Rsa-Since-First-Attempt", "Rsa-Since-Last-Attempt");
    private static final Set<String> ALLOWED_LOWER_CASE = Set.copyOf(ALLOWED_REQUEST_HEADERS.stream()
            .map(name -> name.toLowerCase(Locale.ROOT)).toList());
    private static final PreEncodedHttpField ALLOW_HEADERS = new PreEncodedHttpField(
            HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", ALLOWED_REQUEST_HEADERS));

    private final Sites sites;
    private final PreEncodedHttpField maxAge;

    /** Wraps the route table given to {@link #setHandler}; the ingest routes answer their preflights through it. */
    Cors(Sites sites, Duration maxAge) {
        this.sites = sites;
        this.maxAge = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_MAX_AGE, Long.toString(maxAge.toSeconds()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        nameAllowedOrigin(request, response.getHeaders());
        return super.handle(request, response, callback);
    }

    /** Puts {@code Vary: Origin}, and for an origin some site allows, the headers that let its page read the answer. */
    void nameAllowedOrigin(Request request, HttpFields.Mutable headers) {
        headers.ensureField(VARY_ORIGIN);
        String origin = allowedOrigin(request);
        if (origin != null) {
            headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            headers.put(EXPOSE);
        }
    }

    /**
     * The request's origin if some site allows it, else null: also when the request carries
     * several Origin headers (no browser sends two; a proxy could read the other one).
     */
    String allowedOrigin(Request request) {
        String origin = singleOrigin(request);
        return origin != null && sites.anySiteAllows(origin) ? origin : null;
    }

    /** The normalized Origin header; null when there is none or more than one. */
    static String singleOrigin(Request request) {
        HttpFields headers = request.getHeaders();
        String origin = headers.get(HttpHeader.ORIGIN);
        if (origin == null || headers.getValuesList(HttpHeader.ORIGIN).size() > 1) {
            return null;
        }
        return Sites.normalizeOriginHeader(origin);
    }

    /** Takes the CORS headers back from an answer that refuses the origin itself: they never name a refused origin. */
    static void withdraw(HttpFields.Mutable headers) {
        headers.remove(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN);
        headers.remove(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS);
    }

    static boolean isPreflight(Request request) {
        return request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /**
     * Answers an OPTIONS request to an ingest route: 204 with the CORS headers for an allowed
     * origin asking for POST with headers the SDKs send; otherwise a refusal naming what is wrong.
     */
    void answerOptions(Request request, Response response, Exchange exchange, String origin) {
        if (origin == null || !isPreflight(request)) {
            // A plain OPTIONS: say what the route accepts.
            response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            exchange.noContent();
            return;
        }
        if (!sites.anySiteAllows(origin)) {
            exchange.refuse(Refusal.ORIGIN_NOT_ALLOWED, "origin " + origin + " is not allowed by any site");
            return;
        }
        String method = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        if (!"POST".equals(method)) {
            exchange.refuse(Refusal.METHOD_NOT_ALLOWED, "only POST is accepted here, not " + method);
            return;
        }
        String unknown = headerNotAllowed(request.getHeaders().getValuesList(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS));
        if (unknown != null) {
            exchange.refuse(Refusal.HEADER_NOT_ALLOWED, "request header '" + unknown + "' is not accepted here; the "
                    + "accepted ones are " + String.join(", ", ALLOWED_REQUEST_HEADERS));
            return;
        }
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(ALLOW_METHODS);
        headers.put(ALLOW_HEADERS);
        headers.put(maxAge);
        exchange.noContent();
    }

    /** The first requested header that is not allowed, or null. Browsers send the names lower-cased and comma-separated. */
    private static String headerNotAllowed(List<String> requested) {
        for (String line : requested) {
            for (String name : line.split(",")) {
                String trimmed = name.trim();
                if (!trimmed.isEmpty() && !ALLOWED_LOWER_CASE.contains(trimmed.toLowerCase(Locale.ROOT))) {
                    return trimmed;
                }
            }
        }
        return null;
    }
}
