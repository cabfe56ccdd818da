package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * A checked {@code POST /api/v2/funnel} body (Footfall's extension of the Stats API):
 * {@code {"site_id", "funnel", "date_range", "filters"}}, with {@code date_range} and
 * {@code filters} read as {@code /api/v2/query} reads them.
 *
 * @param funnel the funnel's name, as the definitions give it
 */
public record FunnelQuery(String siteId, String funnel, QueryPeriod period, List<Filter> filters) {

    private static final Set<String> FIELDS = Set.of("site_id", "funnel", "date_range", "filters");

    public FunnelQuery {
        filters = List.copyOf(filters);
    }

    /** The site of a {@code POST /api/footfall/funnels} body, which holds nothing else. */
    public static String parseNames(JsonNode body) {
        String siteId = QueryParser.siteId(body);
        QueryParser.onlyFields(body, Set.of("site_id"));
        return siteId;
    }

    /** @param zone the site's time zone; @param now the clock, for relative ranges */
    public static FunnelQuery parse(JsonNode body, ZoneId zone, Instant now) {
        String siteId = QueryParser.siteId(body);
        QueryParser.onlyFields(body, FIELDS);
        JsonNode funnel = body.get("funnel");
        if (funnel == null || funnel.isNull()) {
            throw new QueryException("#: Required property funnel was not present.");
        }
        if (!funnel.isTextual() || funnel.asText().isBlank()) {
            throw new QueryException("#/funnel: Type mismatch. Expected a funnel's name (String) but got "
                    + (funnel.isTextual() ? "an empty string" : QueryParser.typeName(funnel)) + ".");
        }
        JsonNode range = body.get("date_range");
        if (range == null || range.isNull()) {
            throw new QueryException("#: Required property date_range was not present.");
        }
        QueryPeriod period = QueryParser.dateRange(range, zone, now);
        List<Filter> filters = QueryParser.filters(body.get("filters"));
        for (int i = 0; i < filters.size(); i++) {
            String path = "#/filters/" + i;
            filters.get(i).forEachCondition(c -> {
                if (ConversionFields.funnel(c.dimension()) == null) {
                    throw new QueryException(path + ": Footfall cannot filter funnels by `" + c.dimension().apiName()
                            + "`: an attempt carries the visit attributes of its first event (hostname, source, "
                            + "UTM source, medium and campaign, device, browser, OS, country).");
                }
            });
        }
        return new FunnelQuery(siteId, funnel.asText(), period, filters);
    }
}
