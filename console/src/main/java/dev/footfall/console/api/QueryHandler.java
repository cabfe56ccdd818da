package dev.footfall.console.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.console.auth.Access;
import dev.footfall.config.sites.Sites;
import dev.footfall.console.query.FunnelQuery;
import dev.footfall.console.query.QueryException;
import dev.footfall.console.query.QueryParser;
import dev.footfall.console.query.StatsEngine;
import dev.footfall.console.query.StatsQuery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A JSON query about one site: {@code POST /api/v2/query} (Plausible's Stats API v2 query,
 * {@link #statsApi}), and Footfall's extensions {@code POST /api/footfall/properties} (property
 * names, {@link #propertyNames}), {@code POST /api/v2/funnel} ({@link #funnel}) and
 * {@code POST /api/footfall/funnels} ({@link #funnelNames}). The caller is checked first (401), then the body is read without
 * blocking, the site checked against the caller (403), the query parsed (400) and run; the
 * callback is completed once, from the search's answer.
 */
public final class QueryHandler extends Handler.Abstract.NonBlocking {

    /** Parses a body (400 on anything wrong) for a site the caller may read, runs it, renders the answer. */
    @FunctionalInterface
    interface Answer {
        CompletableFuture<JsonNode> answer(JsonNode body, ZoneId zone, Instant now);
    }

    /** A query body is a few hundred bytes; this leaves room for long filter lists and nothing more. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Access access;
    private final Sites sites;
    private final Clock clock;
    private final Answer answer;

    private QueryHandler(Access access, Sites sites, Clock clock, Answer answer) {
        this.access = access;
        this.sites = sites;
        this.clock = clock;
        this.answer = answer;
    }

    /** {@code POST /api/v2/query}. */
    public static QueryHandler statsApi(Access access, Sites sites, StatsEngine engine, Clock clock) {
        return new QueryHandler(access, sites, clock, (body, zone, now) -> {
            StatsQuery query = QueryParser.parse(body, zone, now);
            return engine.query(query).thenApply(result -> QueryResponses.render(query, result));
        });
    }

    /** {@code POST /api/footfall/properties}: the custom property names of the matching events. */
    public static QueryHandler propertyNames(Access access, Sites sites, StatsEngine engine, Clock clock) {
        return new QueryHandler(access, sites, clock, (body, zone, now) -> {
            StatsQuery query = QueryParser.parsePropertyNames(body, zone, now);
            return engine.propertyNames(query).thenApply(names -> QueryResponses.renderPropertyNames(query, names));
        });
    }

    /** {@code POST /api/v2/funnel} (Footfall's extension): a funnel's visitors per step. */
    public static QueryHandler funnel(Access access, Sites sites, StatsEngine engine, Clock clock) {
        return new QueryHandler(access, sites, clock, (body, zone, now) -> {
            FunnelQuery query = FunnelQuery.parse(body, zone, now);
            return engine.funnel(query).thenApply(result -> QueryResponses.renderFunnel(query, body, result));
        });
    }

    /** {@code POST /api/footfall/funnels} (Footfall's extension): the site's funnels, for pickers. */
    public static QueryHandler funnelNames(Access access, Sites sites, StatsEngine engine, Clock clock) {
        return new QueryHandler(access, sites, clock, (body, zone, now) -> {
            String siteId = FunnelQuery.parseNames(body);
            return engine.funnels(siteId).thenApply(QueryResponses::renderFunnelNames);
        });
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put("Allow", "POST");
            JsonResponses.error(response, callback, 405, "Use POST with a JSON query body.");
            return true;
        }
        JsonResponses.answer(response, callback, access.caller(request)
                .thenCompose(caller -> Content.Source.asByteArrayAsync(request, MAX_BODY_BYTES)
                        .exceptionally(tooLarge -> {
                            throw new QueryException("The request body must be a JSON object of at most "
                                    + MAX_BODY_BYTES + " bytes.");
                        })
                        .thenCompose(bytes -> {
                            JsonNode body = json(bytes);
                            String siteId = QueryParser.siteId(body);
                            ZoneId zone = Access.readableSite(caller, sites, siteId);
                            return answer.answer(body, zone, clock.instant());
                        })));
        return true;
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new QueryException("The request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
