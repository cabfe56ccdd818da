package dev.footfall.dashboards.catalog;

import static dev.footfall.dashboards.catalog.Filters.customEvents;
import static dev.footfall.dashboards.catalog.Filters.notBot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Custom events (track calls) from footfall-events-*: over time, top names, breakdown by a property. */
final class CustomEvents {

    static final String DASHBOARD_ID = "footfall-custom-events";
    static final String RECENT_EVENTS_SEARCH_ID = "footfall-search-recent-events";

    static final Vis OVER_TIME = Vis.of("footfall-events-over-time", "Custom events over time by name", "histogram",
                    VisParams.pointSeries("histogram", List.<String[]>of(new String[] {"1", "Events"}), "Events"))
            .on(IndexPatterns.EVENTS).filter(notBot(), customEvents())
            .aggs(Aggs.count("1", "Events"), Aggs.dateHistogram("2", "segment"), Aggs.terms("3", "group", "event_name", 10, "1", "Event"));

    static final Vis TOP_EVENTS = Vis.of("footfall-events-top", "Top custom events", "table", VisParams.table(10))
            .on(IndexPatterns.EVENTS).filter(notBot(), customEvents())
            .aggs(Aggs.count("1", "Events"), Aggs.cardinality("2", "visitor_id", "Visitors"),
                    Aggs.terms("3", "bucket", "event_name", 20, "1", "Event"));

    static final Vis BY_PROPERTY = Vis.of("footfall-events-by-property", "Custom events by property: plan", "table", VisParams.table(10))
            .description("Edit the Include pattern of the property bucket (plan=.*) to break events down by another property.")
            .on(IndexPatterns.EVENTS).filter(notBot(), customEvents())
            .aggs(Aggs.count("1", "Events"), Aggs.terms("2", "bucket", "event_name", 10, "1", "Event"),
                    Aggs.terms("3", "bucket", "properties_kv", 10, "1", "Property", "plan=.*"));

    static final Vis PROPERTY_VALUES = Vis.of("footfall-events-property-values", "Custom event properties", "table", VisParams.table(10))
            .on(IndexPatterns.EVENTS).filter(notBot(), customEvents())
            .aggs(Aggs.count("1", "Events"), Aggs.terms("2", "bucket", "properties_kv", 25, "1", "Property (key=value)"));

    static final Vis ABOUT = Vis.of("footfall-events-about", "Breaking events down by a property", "markdown", VisParams.markdown("""
            Every top-level property of an event is also stored as `key=value` in **properties_kv**.
            To break events down by another property, edit *Custom events by property*: open the
            **Property** bucket, *Advanced*, and change **Include** from `plan=.*` to, for example,
            `button=.*`. In Discover, search nested properties directly, e.g. `properties.plan:pro`."""));

    static List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>();
        for (Vis v : List.of(OVER_TIME, TOP_EVENTS, BY_PROPERTY, PROPERTY_VALUES, ABOUT)) {
            out.add(v.build());
        }
        out.add(SavedSearch.build(RECENT_EVENTS_SEARCH_ID, "Footfall: recent custom events",
                "Newest custom events first, bots included (see is_bot).", IndexPatterns.EVENTS,
                List.of("event_name", "visitor_id", "page_path", "properties_kv", "is_bot"), List.of(customEvents())));
        out.add(Dashboard.of(DASHBOARD_ID, "Footfall: Custom events",
                        "Custom events over time, the most frequent ones, and a breakdown by a property.", "now-7d")
                .vis(OVER_TIME, 32, 15).vis(TOP_EVENTS, 16, 15)
                .vis(BY_PROPERTY, 20, 15).vis(PROPERTY_VALUES, 16, 15).vis(ABOUT, 12, 15)
                .search(RECENT_EVENTS_SEARCH_ID, 48, 15)
                .build());
        return out;
    }

    private CustomEvents() {
    }
}
