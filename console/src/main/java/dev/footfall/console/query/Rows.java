package dev.footfall.console.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Turns merged per-row metrics into the ordered, paginated {@link QueryResult}. */
final class Rows {

    private Rows() {
    }

    /**
     * @param rows          metrics per dimension values, from one or two indices
     * @param totalVisitors visitors matching the filters without grouping, for {@code percentage}
     */
    static QueryResult finish(StatsQuery q, Map<List<String>, Map<Metric, Double>> rows, Double totalVisitors) {
        List<QueryResult.Row> out = new ArrayList<>();
        if (q.dimensions().isEmpty() && rows.isEmpty()) {
            rows.put(List.of(), Map.of()); // an aggregate always has its one row, zero when nothing matched
        }
        for (Map.Entry<List<String>, Map<Metric, Double>> e : rows.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (Metric m : q.metrics()) {
                if (m == Metric.PERCENTAGE) {
                    double visitors = e.getValue().getOrDefault(Metric.VISITORS, 0.0);
                    values.add(totalVisitors == null || totalVisitors == 0 ? null : visitors / totalVisitors * 100);
                } else {
                    values.add(e.getValue().getOrDefault(m, 0.0));
                }
            }
            out.add(new QueryResult.Row(e.getKey(), values));
        }
        out.sort(order(q));
        int total = out.size();
        int from = Math.min(q.pagination().offset(), total);
        int to = (int) Math.min((long) from + q.pagination().limit(), total);
        return new QueryResult(out.subList(from, to), total);
    }

    /** The query's order, then every dimension ascending, so equal rows always come in the same order. */
    static Comparator<QueryResult.Row> order(StatsQuery q) {
        Comparator<QueryResult.Row> order = (a, b) -> 0;
        for (StatsQuery.Order o : q.orderBy()) {
            Comparator<QueryResult.Row> one = by(q, o.key());
            order = order.thenComparing(o.ascending() ? one : one.reversed());
        }
        for (int i = 0; i < q.dimensions().size(); i++) {
            int index = i;
            order = order.thenComparing(r -> r.dimensions().get(index));
        }
        return order;
    }

    private static Comparator<QueryResult.Row> by(StatsQuery q, String key) {
        for (int i = 0; i < q.metrics().size(); i++) {
            if (q.metrics().get(i).apiName().equals(key)) {
                int index = i;
                return Comparator.comparing(r -> r.metrics().get(index), Comparator.nullsFirst(Comparator.naturalOrder()));
            }
        }
        for (int i = 0; i < q.dimensions().size(); i++) {
            if (q.dimensions().get(i).apiName().equals(key)) {
                int index = i;
                return Comparator.comparing(r -> r.dimensions().get(index));
            }
        }
        throw new IllegalStateException("order_by " + key + " is neither a queried metric nor a dimension");
    }
}
