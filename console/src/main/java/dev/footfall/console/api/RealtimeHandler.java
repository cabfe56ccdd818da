package dev.footfall.console.api;

import dev.footfall.console.auth.Access;
import dev.footfall.config.sites.Sites;
import dev.footfall.console.query.QueryException;
import dev.footfall.console.query.QueryParser;
import dev.footfall.console.query.StatsEngine;
import java.time.Clock;
import java.time.ZoneId;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /api/v1/stats/realtime/visitors?site_id=...}: the visitors of the last five minutes,
 * as a bare number, as Plausible's v1 endpoint answers.
 */
public final class RealtimeHandler extends Handler.Abstract.NonBlocking {

    private final Access access;
    private final Sites sites;
    private final StatsEngine engine;
    private final Clock clock;

    public RealtimeHandler(Access access, Sites sites, StatsEngine engine, Clock clock) {
        this.access = access;
        this.sites = sites;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        String siteId = query.getValue("site_id");
        JsonResponses.answer(response, callback, access.caller(request)
                .thenCompose(caller -> {
                    if (siteId == null || siteId.isEmpty()) {
                        throw new QueryException(QueryParser.MISSING_SITE_ID);
                    }
                    ZoneId zone = Access.readableSite(caller, sites, siteId);
                    return engine.currentVisitors(siteId, zone, clock.instant());
                }));
        return true;
    }
}
