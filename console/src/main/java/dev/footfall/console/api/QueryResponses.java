package dev.footfall.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.Dimension;
import dev.footfall.console.query.FunnelQuery;
import dev.footfall.console.query.FunnelResult;
import dev.footfall.console.query.FunnelSource;
import dev.footfall.console.query.Metric;
import dev.footfall.console.query.PropertyNames;
import dev.footfall.console.query.QueryResult;
import dev.footfall.console.query.StatsQuery;
import dev.footfall.console.query.TimeLabels;
import java.util.List;

/**
 * Renders a result in the shape of Plausible's Stats API v2: {@code results} (each row's
 * {@code metrics} and {@code dimensions}), {@code meta} (keys sorted) and {@code query} (the query
 * as it ran: time resolved, defaults filled in). Values are rounded as Plausible rounds them:
 * counts, bounce rate and visit duration to integers, views per visit to two decimals and
 * percentage to one.
 */
public final class QueryResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryResponses() {
    }

    public static ObjectNode render(StatsQuery q, QueryResult result) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (QueryResult.Row row : result.rows()) {
            ObjectNode r = results.addObject();
            ArrayNode metrics = r.putArray("metrics");
            for (int i = 0; i < q.metrics().size(); i++) {
                metrics.add(value(q.metrics().get(i), row.metrics().get(i)));
            }
            ArrayNode dimensions = r.putArray("dimensions");
            row.dimensions().forEach(dimensions::add);
        }
        ObjectNode meta = out.putObject("meta");
        if (q.include().imports()) {
            // Footfall imports nothing from other tools: there is never imported data to include.
            meta.put("imports_included", false);
            meta.put("imports_skip_reason", "no_imported_data");
        }
        if (q.include().timeLabels()) {
            ArrayNode labels = meta.putArray("time_labels");
            TimeLabels.of(q).forEach(labels::add);
        }
        if (q.include().totalRows()) {
            meta.put("total_rows", result.totalRows());
        }
        out.set("query", echo(q));
        return out;
    }

    /**
     * Footfall's property-names extension: {@code results} as {@code {"name", "events"}} objects,
     * {@code meta.complete} (false when rare name=value pairs were left out of the counts) and
     * {@code query} (site, the range as it ran, filters).
     */
    public static ObjectNode renderPropertyNames(StatsQuery q, PropertyNames.Names names) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (PropertyNames.Name name : names.names()) {
            results.addObject().put("name", name.name()).put("events", name.events());
        }
        out.putObject("meta").put("complete", names.complete());
        ObjectNode query = out.putObject("query");
        query.put("site_id", q.siteId());
        rangeAndFilters(query, q);
        return out;
    }

    /** {@code date_range} as the query ran (the site's local time with offset) and {@code filters} as given. */
    private static void rangeAndFilters(ObjectNode query, StatsQuery q) {
        ArrayNode range = query.putArray("date_range");
        for (String bound : q.period().echo()) {
            range.add(bound);
        }
        if (q.filtersJson() != null) {
            query.set("filters", q.filtersJson());
        } else {
            query.putArray("filters");
        }
    }

    /** {@code POST /api/v2/funnel}: counts as integers, conversion rates to two decimals. */
    public static ObjectNode renderFunnel(FunnelQuery q, JsonNode body, FunnelResult result) {
        ObjectNode out = JSON.createObjectNode();
        out.put("funnel", result.funnel());
        ArrayNode steps = out.putArray("steps");
        for (FunnelResult.Step step : result.steps()) {
            steps.addObject()
                    .put("name", step.name())
                    .put("visitors", step.visitors())
                    .put("conversion_rate", Math.round(step.conversionRate() * 100) / 100.0)
                    .put("dropoff", step.dropoff());
        }
        ObjectNode query = out.putObject("query");
        query.put("site_id", q.siteId()).put("funnel", q.funnel());
        ArrayNode range = query.putArray("date_range");
        for (String bound : q.period().echo()) {
            range.add(bound);
        }
        JsonNode filters = body.get("filters");
        query.set("filters", filters == null || filters.isNull() ? JSON.createArrayNode() : filters);
        return out;
    }

    /** {@code POST /api/footfall/funnels}. */
    public static ObjectNode renderFunnelNames(List<FunnelSource.Listed> funnels) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (FunnelSource.Listed funnel : funnels) {
            ArrayNode steps = results.addObject().put("name", funnel.name()).putArray("steps");
            funnel.steps().forEach(steps::add);
        }
        return out;
    }

    static JsonNode value(Metric metric, Double value) {
        if (value == null) {
            return JSON.nullNode();
        }
        return switch (metric) {
            case VIEWS_PER_VISIT -> JSON.getNodeFactory().numberNode(Math.round(value * 100) / 100.0);
            case PERCENTAGE -> JSON.getNodeFactory().numberNode(Math.round(value * 10) / 10.0);
            case CONVERSION_RATE -> JSON.getNodeFactory().numberNode(Math.round(value * 100) / 100.0);
            default -> JSON.getNodeFactory().numberNode(Math.round(value));
        };
    }

    private static ObjectNode echo(StatsQuery q) {
        ObjectNode query = JSON.createObjectNode();
        query.put("site_id", q.siteId());
        ArrayNode metrics = query.putArray("metrics");
        q.metrics().forEach(m -> metrics.add(m.apiName()));
        rangeAndFilters(query, q);
        ArrayNode dimensions = query.putArray("dimensions");
        q.dimensions().stream().map(Dimension::apiName).forEach(dimensions::add);
        ArrayNode order = query.putArray("order_by");
        q.orderBy().forEach(o -> order.addArray().add(o.key()).add(o.ascending() ? "asc" : "desc"));
        ObjectNode include = query.putObject("include");
        if (q.include().imports()) {
            include.put("imports", true);
        }
        if (q.include().timeLabels()) {
            include.put("time_labels", true);
        }
        if (q.include().totalRows()) {
            include.put("total_rows", true);
        }
        query.putObject("pagination").put("limit", q.pagination().limit()).put("offset", q.pagination().offset());
        return query;
    }
}
