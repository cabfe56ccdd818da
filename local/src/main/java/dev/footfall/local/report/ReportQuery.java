package dev.footfall.local.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link Report} with three searches (events, sessions, invalid), all aggregations,
 * straight from the indices the job writes (docs/index-schema.md).
 */
public final class ReportQuery {

    /** Cardinality is exact below this many distinct visitors, approximate (HLL++) above. */
    static final int CARDINALITY_PRECISION = 40_000;
    private static final int TOP = 10;

    private final RestClient client;
    private final ObjectMapper json = new ObjectMapper();

    public ReportQuery(RestClient client) {
        this.client = client;
    }

    /** @throws ServerException when OpenSearch cannot be reached or refuses a search */
    public Report run(String site, TimeRange range) {
        JsonNode events = client.search(IndexFamily.EVENTS.indexPattern(), eventsQuery(site, range)).path("aggregations");
        JsonNode sessions = client.search(IndexFamily.SESSIONS.indexPattern(), sessionsQuery(site, range));
        JsonNode invalid = client.search(IndexFamily.INVALID.indexPattern(), invalidQuery(site, range)).path("aggregations");

        long sessionCount = sessions.path("hits").path("total").path("value").asLong();
        JsonNode sessionAggs = sessions.path("aggregations");
        long bounces = sessionAggs.path("bounces").path("doc_count").asLong();

        List<Report.PageCount> pages = new ArrayList<>();
        for (JsonNode bucket : events.path("views").path("top_pages").path("buckets")) {
            pages.add(new Report.PageCount(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
        }
        List<Report.SourceCount> sources = new ArrayList<>();
        for (JsonNode bucket : sessionAggs.path("sources").path("buckets")) {
            sources.add(new Report.SourceCount(bucket.path("key").asText(), bucket.path("doc_count").asLong()));
        }
        return new Report(
                site,
                range,
                events.path("visitors").path("value").asLong(),
                events.path("views").path("doc_count").asLong(),
                sessionCount,
                sessionCount == 0 ? 0.0 : (double) bounces / sessionCount,
                sessionAggs.path("avg_duration").path("value").asDouble(0.0),
                pages,
                sources,
                counts(events.path("custom").path("by_name").path("buckets")),
                counts(invalid.path("by_reason").path("buckets")));
    }

    private static Map<String, Long> counts(JsonNode buckets) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (JsonNode bucket : buckets) {
            out.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return out;
    }

    ObjectNode eventsQuery(String site, TimeRange range) {
        ObjectNode body = json.createObjectNode().put("size", 0);
        body.set("query", filters(site, range, true));
        ObjectNode aggs = body.putObject("aggs");

        aggs.putObject("visitors").putObject("cardinality")
                .put("field", Fields.Events.VISITOR_ID).put("precision_threshold", CARDINALITY_PRECISION);

        ObjectNode views = aggs.putObject("views");
        views.putObject("filter").putObject("terms").putArray(Fields.Events.TYPE).add("page").add("screen");
        views.putObject("aggs").putObject("top_pages").putObject("terms").put("field", Fields.Events.PAGE_PATH).put("size", TOP);

        ObjectNode custom = aggs.putObject("custom");
        custom.putObject("filter").putObject("term").put(Fields.Events.TYPE, "track");
        custom.putObject("aggs").putObject("by_name").putObject("terms").put("field", Fields.Events.EVENT_NAME).put("size", 100);
        return body;
    }

    ObjectNode sessionsQuery(String site, TimeRange range) {
        ObjectNode body = json.createObjectNode().put("size", 0).put("track_total_hits", true);
        body.set("query", filters(site, range, true));
        ObjectNode aggs = body.putObject("aggs");
        aggs.putObject("bounces").putObject("filter").putObject("term").put(Fields.Sessions.IS_BOUNCE, true);
        aggs.putObject("avg_duration").putObject("avg").put("field", Fields.Sessions.DURATION_SECONDS);
        aggs.putObject("sources").putObject("terms").put("field", Fields.Sessions.SOURCE).put("size", TOP);
        return body;
    }

    ObjectNode invalidQuery(String site, TimeRange range) {
        ObjectNode body = json.createObjectNode().put("size", 0);
        body.set("query", filters(site, range, false));
        body.putObject("aggs").putObject("by_reason").putObject("terms").put("field", Fields.Invalid.REASON).put("size", 100);
        return body;
    }

    private ObjectNode filters(String site, TimeRange range, boolean humansOnly) {
        ObjectNode query = json.createObjectNode();
        ArrayNode filter = query.putObject("bool").putArray("filter");
        filter.addObject().putObject("range").putObject(Fields.TIMESTAMP)
                .put("gte", range.from().toString()).put("lt", range.to().toString());
        if (site != null) {
            filter.addObject().putObject("term").put(Fields.SITE_ID, site);
        }
        if (humansOnly) {
            ((ObjectNode) query.get("bool")).putArray("must_not").addObject().putObject("term").put(Fields.Events.IS_BOT, true);
        }
        return query;
    }
}
