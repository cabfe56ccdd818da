package dev.footfall.console.query;

import java.util.List;

/**
 * What a query computed: rows in the requested order, already paginated, with exact values
 * (the API rounds them as Plausible does; the CLI report prints them its own way).
 *
 * @param totalRows rows before pagination
 */
public record QueryResult(List<Row> rows, int totalRows) {

    public QueryResult {
        rows = List.copyOf(rows);
    }

    /**
     * @param dimensions one value per queried dimension, in order
     * @param metrics    one value per queried metric, in order; null where a metric has no value
     *                   (the percentage of a row when nothing matched at all)
     */
    public record Row(List<String> dimensions, List<Double> metrics) {
        public Row {
            dimensions = List.copyOf(dimensions);
            metrics = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(metrics));
        }
    }
}
