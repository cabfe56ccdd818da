package dev.footfall.dashboards.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pipeline dropped or delayed: invalid events by reason (footfall-invalid-*), duplicates,
 * late events and ingestion lag (footfall-health-*).
 */
final class PipelineHealth {

    static final String DASHBOARD_ID = "footfall-pipeline-health";
    static final String INVALID_SEARCH_ID = "footfall-search-invalid-events";

    static final Vis ABOUT = Vis.of("footfall-health-about", "Reading pipeline health", "markdown", VisParams.markdown("""
            - **Invalid events** were rejected with a reason code (see docs/event-spec.md); the original
              record is kept in footfall-invalid-* for 14 days.
            - **Duplicates** are events whose message id was already seen (client retries).
            - **Late events** arrived after their minute was final: they are in the event and session
              indices, not in the rollups.
            - **Ingestion lag** is processing time minus receipt time."""));

    static final Vis INVALID_OVER_TIME = Vis.of("footfall-health-invalid-over-time", "Invalid events by reason over time", "histogram",
                    VisParams.pointSeries("histogram", List.<String[]>of(new String[] {"1", "Invalid events"}), "Invalid events"))
            .on(IndexPatterns.INVALID)
            .aggs(Aggs.count("1", "Invalid events"), Aggs.dateHistogram("2", "segment"), Aggs.terms("3", "group", "reason", 10, "1", "Reason"));

    static final Vis INVALID_REASONS = Vis.of("footfall-health-invalid-reasons", "Invalid events by reason", "table", VisParams.table(10))
            .on(IndexPatterns.INVALID)
            .aggs(Aggs.count("1", "Invalid events"), Aggs.terms("2", "bucket", "reason", 20, "1", "Reason"));

    static final Vis TOTALS = Vis.of("footfall-health-totals", "Events, duplicates, late and invalid events", "metric", VisParams.metric())
            .on(IndexPatterns.HEALTH)
            .aggs(Aggs.sum("1", "events", "Events received"), Aggs.sum("2", "duplicates", "Duplicates dropped"),
                    Aggs.sum("3", "late_events", "Late events"), Aggs.sum("4", "invalid_events", "Invalid events"));

    static final Vis DROPPED_OVER_TIME = Vis.of("footfall-health-dropped-over-time", "Duplicates, late and invalid events over time", "line",
                    VisParams.pointSeries("line", List.of(new String[] {"1", "Duplicates dropped"}, new String[] {"2", "Late events"},
                            new String[] {"3", "Invalid events"}), "Events"))
            .on(IndexPatterns.HEALTH)
            .aggs(Aggs.sum("1", "duplicates", "Duplicates dropped"), Aggs.sum("2", "late_events", "Late events"),
                    Aggs.sum("3", "invalid_events", "Invalid events"), Aggs.dateHistogram("4", "segment"));

    static final Vis LAG = Vis.of("footfall-health-lag", "Ingestion lag", "line",
                    VisParams.pointSeries("line", List.of(new String[] {"1", "Average lag (ms)"}, new String[] {"2", "Maximum lag (ms)"}), "Milliseconds"))
            .description("Processing time minus gateway receipt time, per minute window.")
            .on(IndexPatterns.HEALTH)
            .aggs(Aggs.avg("1", "lag_ms_avg", "Average lag (ms)"), Aggs.max("2", "lag_ms_max", "Maximum lag (ms)"),
                    Aggs.dateHistogram("3", "segment"));

    static final Vis LAG_NOW = Vis.of("footfall-health-lag-max", "Maximum ingestion lag", "metric", VisParams.metric())
            .on(IndexPatterns.HEALTH)
            .aggs(Aggs.max("1", "lag_ms_max", "Maximum lag (ms)"), Aggs.avg("2", "lag_ms_avg", "Average lag (ms)"));

    static List<ObjectNode> objects() {
        List<ObjectNode> out = new ArrayList<>();
        for (Vis v : List.of(ABOUT, INVALID_OVER_TIME, INVALID_REASONS, TOTALS, DROPPED_OVER_TIME, LAG, LAG_NOW)) {
            out.add(v.build());
        }
        out.add(SavedSearch.build(INVALID_SEARCH_ID, "Footfall: invalid events",
                "Rejected records, newest first, with the reason and where they came from.", IndexPatterns.INVALID,
                List.of("reason", "message", "site_id", "payload_bytes", "kafka_topic", "kafka_partition", "kafka_offset"), List.of()));
        out.add(Dashboard.of(DASHBOARD_ID, "Footfall: Pipeline health",
                        "Invalid events by reason, duplicates dropped, late events and ingestion lag.", "now-24h")
                .vis(TOTALS, 32, 8).vis(LAG_NOW, 16, 8)
                .vis(INVALID_OVER_TIME, 32, 14).vis(INVALID_REASONS, 16, 14)
                .vis(DROPPED_OVER_TIME, 24, 14).vis(LAG, 24, 14)
                .search(INVALID_SEARCH_ID, 36, 15).vis(ABOUT, 12, 15)
                .build());
        return out;
    }

    private PipelineHealth() {
    }
}
