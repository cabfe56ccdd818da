package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The query layer: every metric the Stats API, the console and {@code ./footfall report} show is
 * computed here, by the first {@link StatsSource} that can answer the query (today the raw indices;
 * a pre-aggregated source goes in front of them); goal queries by {@link GoalSource}, funnels by
 * {@link FunnelSource}.
 *
 * <pre>{@code
 * StatsEngine engine = new StatsEngine(searchClient);
 * QueryResult r = engine.query(QueryParser.parse(body, site.timezone(), Instant.now())).join();
 * }</pre>
 */
public final class StatsEngine {

    /** Who counts as a current visitor: seen in the last five minutes (Plausible's definition). */
    public static final Duration REALTIME_WINDOW = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<StatsSource> sources;
    private final SearchClient client;
    private final PropertyNames propertyNames;
    private final GoalSource goals;
    private final FunnelSource funnels;

    public StatsEngine(SearchClient client) {
        this(client, DefinitionsInForce.NONE);
    }

    /** @param definitions the goals and funnels in force, for funnels and goal filters */
    public StatsEngine(SearchClient client, DefinitionsInForce definitions) {
        this(client, List.of(new RawIndexSource(client)), definitions);
    }

    /** @param sources tried in order; the last must answer every query */
    public StatsEngine(SearchClient client, List<StatsSource> sources) {
        this(client, sources, DefinitionsInForce.NONE);
    }

    public StatsEngine(SearchClient client, List<StatsSource> sources, DefinitionsInForce definitions) {
        this.client = client;
        this.sources = List.copyOf(sources);
        this.propertyNames = new PropertyNames(client);
        this.goals = new GoalSource(client, this::query, definitions);
        this.funnels = new FunnelSource(client, definitions);
    }

    public CompletableFuture<QueryResult> query(StatsQuery query) {
        if (goals.canAnswer(query)) {
            return goals.run(query);
        }
        for (StatsSource source : sources) {
            if (source.canAnswer(query)) {
                return source.run(query);
            }
        }
        throw new IllegalStateException("no source answers " + query);
    }

    /** A funnel's visitors per step ({@code POST /api/v2/funnel}, the console's funnel chart, the report). */
    public CompletableFuture<FunnelResult> funnel(FunnelQuery query) {
        return funnels.run(query);
    }

    /** The site's funnels with their step labels ({@code POST /api/footfall/funnels}, the dashboard's picker). */
    public CompletableFuture<List<FunnelSource.Listed>> funnels(String siteId) {
        return funnels.list(siteId);
    }

    /**
     * The custom property names of the events the query matches (Footfall's extension
     * {@code POST /api/footfall/properties}), read from the raw events whatever the sources.
     */
    public CompletableFuture<PropertyNames.Names> propertyNames(StatsQuery query) {
        return propertyNames.find(query);
    }

    /**
     * Visitors seen in the five minutes before {@code now} (and the five seconds after it, for
     * clocks a little ahead), as {@code GET /api/v1/stats/realtime/visitors} reports them.
     */
    public CompletableFuture<Long> currentVisitors(String siteId, ZoneId zone, Instant now) {
        QueryPeriod period = new QueryPeriod(now.minus(REALTIME_WINDOW), now.plusSeconds(5), zone);
        StatsQuery query = StatsQuery.of(siteId, List.of(Metric.VISITORS), period, List.of(), List.of(),
                StatsQuery.Pagination.DEFAULT);
        return query(query).thenApply(r -> Math.round(r.rows().get(0).metrics().get(0)));
    }

    /**
     * Records the pipeline refused, by reason code (the CLI report's last table). Unlike traffic,
     * these have no visitor or visit: they are counted as they are.
     *
     * @param siteId null for every site (and records whose site was unreadable)
     */
    public CompletableFuture<Map<String, Long>> invalidEventsByReason(String siteId, QueryPeriod period) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        FilterClauses.siteAndPeriod(filter, siteId, period);
        body.putObject("aggs").putObject("by_reason").putObject("terms")
                .put("field", Fields.Invalid.REASON).put("size", 100);
        return client.multiSearch(List.of(new SearchClient.Search(IndexFamily.INVALID.indexPattern(), body))).thenApply(responses -> {
            JsonNode response = SearchErrors.check(responses.get(0));
            Map<String, Long> counts = new LinkedHashMap<>();
            for (JsonNode bucket : response.path("aggregations").path("by_reason").path("buckets")) {
                counts.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
            }
            return counts;
        });
    }
}
