package dev.footfall.gateway.http;

import dev.footfall.config.sites.Sites;
import dev.footfall.gateway.ingest.Refusal;
import java.time.Duration;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * CORS for the ingest routes, from the sites' allowed origins (exact matches, no patterns, so
 * the check is one hash lookup). A preflight carries no credentials, so it is answered for any
 * origin some site allows; the real request is then checked against its own site. Origins no
 * site allows get no CORS headers at all, and the browser keeps the page from sending.
 */
final class Cors {

    private static final PreEncodedHttpField VARY_ORIGIN = new PreEncodedHttpField(HttpHeader.VARY, "Origin");
    private static final PreEncodedHttpField EXPOSE = new PreEncodedHttpField(
            HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
    private static final PreEncodedHttpField ALLOW_METHODS = new PreEncodedHttpField(
            HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "POST, OPTIONS");
    /** What the tracker, the design document's snippet and analytics.js send. */
    private static final PreEncodedHttpField ALLOW_HEADERS = new PreEncodedHttpField(
            HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type, Authorization, Content-Encoding");

    private final Sites sites;
    private final PreEncodedHttpField maxAge;

    Cors(Sites sites, Duration maxAge) {
        this.sites = sites;
        this.maxAge = new PreEncodedHttpField(HttpHeader.ACCESS_CONTROL_MAX_AGE, Long.toString(maxAge.toSeconds()));
    }

    static void addAllowOrigin(HttpFields.Mutable headers, String origin) {
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.add(VARY_ORIGIN);
        headers.put(EXPOSE);
    }

    static boolean isPreflight(Request request) {
        return request.getHeaders().contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
    }

    /** Answers an OPTIONS request: 204 with CORS headers for allowed origins, else 403. */
    void answerOptions(Request request, Response response, Exchange exchange, String origin) {
        if (origin == null || !isPreflight(request)) {
            // A plain OPTIONS: say what the route accepts.
            response.getHeaders().put(HttpHeader.ALLOW, "POST, OPTIONS");
            exchange.noContent();
            return;
        }
        if (!sites.anySiteAllows(origin)) {
            exchange.refuse(Refusal.ORIGIN_NOT_ALLOWED,
                    "origin " + origin + " is not allowed by any site");
            return;
        }
        String method = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
        if (!"POST".equals(method)) {
            exchange.refuse(Refusal.METHOD_NOT_ALLOWED,
                    "only POST is accepted here, not " + method);
            return;
        }
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.add(VARY_ORIGIN);
        headers.put(ALLOW_METHODS);
        headers.put(ALLOW_HEADERS);
        headers.put(maxAge);
        exchange.noContent();
    }
}
