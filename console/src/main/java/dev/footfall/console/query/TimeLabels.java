package dev.footfall.console.query;

import java.util.List;

/** Every time bucket of a query's period, for {@code include.time_labels}. */
public final class TimeLabels {

    private TimeLabels() {
    }

    /** The labels of the query's time dimension; empty when it has none. */
    public static List<String> of(StatsQuery query) {
        return query.dimensions().stream().filter(Dimension::isTime).findFirst()
                .map(d -> TimeBuckets.labels(d, query.period()))
                .orElse(List.of());
    }
}
