package dev.footfall.bench.history;

import java.util.List;

/**
 * The five 30-day queries the history benchmark times, as a Stats API client sends them: the
 * dashboard's top numbers, its graph, and its pages, sources and custom-event panels.
 */
final class HistoryQueries {

    /** One query: a short name for the report and the request body. */
    record Query(String id, String name, String body) {
    }

    /** The custom event broken down by a property (one of the generator's event names and properties). */
    static final String EVENT = "Signed Up";
    static final String PROPERTY = "plan";

    private HistoryQueries() {
    }

    static List<Query> of(HistoryPlan plan) {
        String range = plan.dateRangeJson();
        return List.of(
                new Query("aggregate", "aggregate (all KPIs)", body(range,
                        "\"visitors\", \"visits\", \"pageviews\", \"views_per_visit\", \"bounce_rate\", "
                                + "\"visit_duration\", \"events\"", "")),
                new Query("timeseries", "timeseries by day", body(range,
                        "\"visitors\", \"visits\", \"pageviews\", \"bounce_rate\"", "\"dimensions\": [\"time:day\"]")),
                new Query("pages", "breakdown by page", body(range,
                        "\"visitors\", \"pageviews\", \"bounce_rate\"", "\"dimensions\": [\"event:page\"], "
                                + "\"pagination\": {\"limit\": 100}")),
                new Query("sources", "breakdown by source", body(range,
                        "\"visitors\", \"visits\", \"bounce_rate\", \"visit_duration\"",
                        "\"dimensions\": [\"visit:source\"], \"pagination\": {\"limit\": 100}")),
                new Query("event-property", "breakdown of one custom event by a property", body(range,
                        "\"visitors\", \"events\"", "\"dimensions\": [\"event:props:" + PROPERTY + "\"], "
                                + "\"filters\": [[\"is\", \"event:name\", [\"" + EVENT + "\"]]]")));
    }

    private static String body(String range, String metrics, String more) {
        return "{\"site_id\": \"" + HistoryPlan.SITE + "\", \"metrics\": [" + metrics + "], \"date_range\": " + range
                + (more.isEmpty() ? "" : ", " + more) + "}";
    }
}
