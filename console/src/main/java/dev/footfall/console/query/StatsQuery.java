package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * A checked, typed query: what {@link QueryParser} makes of a {@code POST /api/v2/query} body, and
 * what the CLI report builds directly. Every metric is computed from one of these, by one
 * {@link StatsEngine}.
 *
 * @param siteId       the site; null only for the CLI's "all sites"
 * @param dimensions   with {@code time} already resolved to a granularity
 * @param filters      an implicit {@code and} of these
 * @param orderBy      never empty: Plausible's default (time ascending, then the first metric descending) when not given
 * @param filtersJson  the filters as the request gave them, echoed in the response
 */
public record StatsQuery(
        String siteId,
        List<Metric> metrics,
        QueryPeriod period,
        List<Dimension> dimensions,
        List<Filter> filters,
        List<Order> orderBy,
        Include include,
        Pagination pagination,
        JsonNode filtersJson) {

    public StatsQuery {
        metrics = List.copyOf(metrics);
        dimensions = List.copyOf(dimensions);
        filters = List.copyOf(filters);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(include, "include");
        Objects.requireNonNull(pagination, "pagination");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one metric");
        }
    }

    /** A query with defaults for everything but the metrics, period and dimensions (for code, not the API). */
    public static StatsQuery of(String siteId, List<Metric> metrics, QueryPeriod period, List<Dimension> dimensions,
            List<Filter> filters, Pagination pagination) {
        return new StatsQuery(siteId, metrics, period, dimensions, filters, defaultOrder(metrics, dimensions),
                Include.NONE, pagination, null);
    }

    /** Time ascending when there is a time dimension, then the first metric descending. */
    public static List<Order> defaultOrder(List<Metric> metrics, List<Dimension> dimensions) {
        Dimension time = dimensions.stream().filter(Dimension::isTime).findFirst().orElse(null);
        Order byMetric = new Order(metrics.get(0).apiName(), false);
        return time == null ? List.of(byMetric) : List.of(new Order(time.apiName(), true), byMetric);
    }

    /** One {@code order_by} entry: a metric or dimension name and a direction. */
    public record Order(String key, boolean ascending) {
    }

    /** What {@code include} asks for beyond the rows. */
    public record Include(boolean totalRows, boolean imports, boolean timeLabels) {
        public static final Include NONE = new Include(false, false, false);
    }

    /** {@code pagination}: at most {@code limit} rows after skipping {@code offset}. */
    public record Pagination(int limit, int offset) {
        public static final int MAX_LIMIT = 10_000;
        public static final Pagination DEFAULT = new Pagination(MAX_LIMIT, 0);
    }
}
