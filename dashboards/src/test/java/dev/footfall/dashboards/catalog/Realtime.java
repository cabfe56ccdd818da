package dev.footfall.dashboards.catalog;

import static dev.footfall.dashboards.catalog.Filters.customEvents;
import static dev.footfall.dashboards.catalog.Filters.notBot;
import static dev.footfall.dashboards.catalog.Filters.pageviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The last five minutes, refreshed every ten seconds, straight from footfall-events-*. */
final class Realtime {

    static final String DASHBOARD_ID = "footfall-realtime";
    static final int REFRESH_MILLIS = 10_000;

    static final Vis VISITORS = Vis.of("footfall-realtime-visitors", "Visitors in the last 5 minutes", "metric", VisParams.metric())
            .on(IndexPatterns.EVENTS).filter(notBot())
            .aggs(Aggs.cardinality("1", "visitor_id", "Visitors"));

    static final Vis EVENTS = Vis.of("footfall-realtime-events", "Events in the last 5 minutes", "metric", VisParams.metric())
            .on(IndexPatterns.EVENTS).filter(notBot())
            .aggs(Aggs.count("1", "Events"));

    static final Vis PAGEVIEWS = Vis.of("footfall-realtime-pageviews", "Pageviews in the last 5 minutes", "metric", VisParams.metric())
            .on(IndexPatterns.EVENTS).filter(notBot(), pageviews())
            .aggs(Aggs.count("1", "Pageviews"));

    static final Vis TIMELINE = Vis.of("footfall-realtime-timeline", "Events by type", "histogram",
                    VisParams.pointSeries("histogram", List.<String[]>of(new String[] {"1", "Events"}), "Events"))
            .on(IndexPatterns.EVENTS).filter(notBot())
            .aggs(Aggs.count("1", "Events"), Aggs.dateHistogram("2", "segment"), Aggs.terms("3", "group", "type", 6, "1", "Type"));

    static final Vis ACTIVE_PAGES = Vis.of("footfall-realtime-pages", "Active pages", "table", VisParams.table(10))
            .on(IndexPatterns.EVENTS).filter(notBot(), pageviews())
            .aggs(Aggs.cardinality("1", "visitor_id", "Visitors"), Aggs.count("2", "Pageviews"),
                    Aggs.terms("3", "bucket", "page_path", 10, "1", "Page"));

    static final Vis EVENT_NAMES = Vis.of("footfall-realtime-event-names", "Custom events now", "table", VisParams.table(10))
            .on(IndexPatterns.EVENTS).filter(notBot(), customEvents())
            .aggs(Aggs.count("1", "Events"), Aggs.terms("2", "bucket", "event_name", 10, "1", "Event"));

    static List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>();
        for (Vis v : List.of(VISITORS, EVENTS, PAGEVIEWS, TIMELINE, ACTIVE_PAGES, EVENT_NAMES)) {
            out.add(v.build());
        }
        out.add(Dashboard.autoRefreshing(DASHBOARD_ID, "Footfall: Realtime",
                        "Visitors and events in the last 5 minutes, refreshed every 10 seconds.", "now-5m", REFRESH_MILLIS)
                .vis(VISITORS, 16, 8).vis(PAGEVIEWS, 16, 8).vis(EVENTS, 16, 8)
                .vis(TIMELINE, 48, 12)
                .vis(ACTIVE_PAGES, 24, 15).vis(EVENT_NAMES, 24, 15)
                .build());
        return out;
    }

    private Realtime() {
    }
}
