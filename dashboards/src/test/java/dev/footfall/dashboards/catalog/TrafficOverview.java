package dev.footfall.dashboards.catalog;

import static dev.footfall.dashboards.catalog.Filters.notBot;
import static dev.footfall.dashboards.catalog.Filters.pageviews;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic overview: the numbers a site owner checks first. Visitor and pageview figures come from
 * footfall-events-*, session figures (bounce rate, duration, entry and exit pages, sources) from
 * footfall-sessions-*, long-range session counts from footfall-rollups-*. Bots are excluded
 * everywhere.
 */
final class TrafficOverview {

    static final String DASHBOARD_ID = "footfall-traffic-overview";

    static final Vis ABOUT = Vis.of("footfall-traffic-about", "About these numbers", "markdown", VisParams.markdown("""
            - **Visitors** are distinct visitor ids; bots (flagged by their user agent) are left out of every panel.
            - **Pageviews** count page and screen events.
            - A **session** ends after 30 minutes without events.
            - A session **bounces** when it has exactly one page view and no interactive custom event.
            - **Countries** appear only when the pipeline has a GeoIP database configured."""));

    static final Vis VISITORS = Vis.of("footfall-traffic-visitors", "Visitors", "metric", VisParams.metric())
            .on(IndexPatterns.EVENTS).filter(notBot())
            .aggs(Aggs.cardinality("1", "visitor_id", "Visitors"));

    static final Vis PAGEVIEWS = Vis.of("footfall-traffic-pageviews", "Pageviews", "metric", VisParams.metric())
            .on(IndexPatterns.EVENTS).filter(notBot(), pageviews())
            .aggs(Aggs.count("1", "Pageviews"));

    static final Vis SESSIONS = Vis.of("footfall-traffic-sessions", "Sessions", "metric", VisParams.metric())
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"));

    static final Vis BOUNCE_RATE = Vis.of("footfall-traffic-bounce-rate", "Bounce rate", "pie", VisParams.pie())
            .description("Share of sessions that bounced: one page view and no interactive custom event.")
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"),
                    Aggs.filters("2", "segment", new String[][] {{"is_bounce:true", "Bounced"}, {"is_bounce:false", "Engaged"}}));

    static final Vis AVERAGE_DURATION = Vis.of("footfall-traffic-avg-duration", "Average visit duration", "metric", VisParams.metric())
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.avg("1", "duration_seconds", "Average visit duration (seconds)"));

    static final Vis OVER_TIME = Vis.of("footfall-traffic-over-time", "Pageviews and visitors over time", "line",
                    VisParams.pointSeries("line", List.of(new String[] {"1", "Pageviews"}, new String[] {"2", "Visitors"}), "Count"))
            .on(IndexPatterns.EVENTS).filter(notBot(), pageviews())
            .aggs(Aggs.count("1", "Pageviews"), Aggs.cardinality("2", "visitor_id", "Visitors"), Aggs.dateHistogram("3", "segment"));

    static final Vis SESSIONS_OVER_TIME = Vis.of("footfall-traffic-sessions-over-time", "Sessions and bounces over time", "histogram",
                    VisParams.pointSeries("histogram", List.of(new String[] {"1", "Sessions"}, new String[] {"2", "Bounces"}), "Sessions"))
            .description("From the 1-minute rollups, which are kept for two years.")
            .on(IndexPatterns.ROLLUPS).filter(Filters.phrase("dimension", "site"))
            .aggs(Aggs.sum("1", "sessions", "Sessions"), Aggs.sum("2", "bounces", "Bounces"), Aggs.dateHistogram("3", "segment"));

    static final Vis TOP_PAGES = Vis.of("footfall-traffic-top-pages", "Top pages", "table", VisParams.table(10))
            .on(IndexPatterns.EVENTS).filter(notBot(), pageviews())
            .aggs(Aggs.count("1", "Pageviews"), Aggs.cardinality("2", "visitor_id", "Visitors"),
                    Aggs.terms("3", "bucket", "page_path", 20, "1", "Page"));

    static final Vis ENTRY_PAGES = Vis.of("footfall-traffic-entry-pages", "Entry pages", "table", VisParams.table(10))
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "bucket", "entry_page", 20, "1", "Entry page"));

    static final Vis EXIT_PAGES = Vis.of("footfall-traffic-exit-pages", "Exit pages", "table", VisParams.table(10))
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "bucket", "exit_page", 20, "1", "Exit page"));

    static final Vis SOURCES = Vis.of("footfall-traffic-sources", "Sources", "table", VisParams.table(10))
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.cardinality("2", "visitor_id", "Visitors"),
                    Aggs.terms("3", "bucket", "source", 20, "1", "Source"), Aggs.terms("4", "bucket", "medium", 5, "1", "Medium"));

    static final Vis REFERRERS = Vis.of("footfall-traffic-referrers", "Referrers", "table", VisParams.table(10))
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "bucket", "referrer_host", 20, "1", "Referrer"));

    static final Vis CAMPAIGNS = Vis.of("footfall-traffic-campaigns", "UTM campaigns", "table", VisParams.table(10))
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "bucket", "campaign", 20, "1", "Campaign"),
                    Aggs.terms("3", "bucket", "source", 5, "1", "Source"), Aggs.terms("4", "bucket", "medium", 5, "1", "Medium"));

    static final Vis BROWSERS = Vis.of("footfall-traffic-browsers", "Browsers", "pie", VisParams.pie())
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "segment", "browser", 10, "1", "Browser"));

    static final Vis OPERATING_SYSTEMS = Vis.of("footfall-traffic-os", "Operating systems", "pie", VisParams.pie())
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "segment", "os", 10, "1", "Operating system"));

    static final Vis DEVICES = Vis.of("footfall-traffic-devices", "Device types", "pie", VisParams.pie())
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.terms("2", "segment", "device_type", 10, "1", "Device type"));

    static final Vis COUNTRIES = Vis.of("footfall-traffic-countries", "Countries", "table", VisParams.table(10))
            .description("Empty unless the pipeline has a GeoIP database.")
            .on(IndexPatterns.SESSIONS).filter(notBot())
            .aggs(Aggs.count("1", "Sessions"), Aggs.cardinality("2", "visitor_id", "Visitors"),
                    Aggs.terms("3", "bucket", "country", 30, "1", "Country"));

    static List<ObjectNode> objects() {
        List<Vis> all = List.of(ABOUT, VISITORS, PAGEVIEWS, SESSIONS, BOUNCE_RATE, AVERAGE_DURATION, OVER_TIME,
                SESSIONS_OVER_TIME, TOP_PAGES, ENTRY_PAGES, EXIT_PAGES, SOURCES, REFERRERS, CAMPAIGNS, BROWSERS,
                OPERATING_SYSTEMS, DEVICES, COUNTRIES);
        List<ObjectNode> out = new ArrayList<>();
        all.forEach(v -> out.add(v.build()));
        out.add(Dashboard.of(DASHBOARD_ID, "Footfall: Traffic overview",
                        "Visitors, pageviews, sessions, bounce rate and where the traffic comes from.", "now-7d")
                .vis(VISITORS, 10, 8).vis(PAGEVIEWS, 10, 8).vis(SESSIONS, 10, 8).vis(AVERAGE_DURATION, 10, 8).vis(BOUNCE_RATE, 8, 8)
                .vis(OVER_TIME, 32, 14).vis(ABOUT, 16, 14)
                .vis(TOP_PAGES, 16, 15).vis(ENTRY_PAGES, 16, 15).vis(EXIT_PAGES, 16, 15)
                .vis(SOURCES, 16, 15).vis(REFERRERS, 16, 15).vis(CAMPAIGNS, 16, 15)
                .vis(BROWSERS, 16, 13).vis(OPERATING_SYSTEMS, 16, 13).vis(DEVICES, 16, 13)
                .vis(SESSIONS_OVER_TIME, 32, 14).vis(COUNTRIES, 16, 14)
                .build());
        return out;
    }

    private TrafficOverview() {
    }
}
