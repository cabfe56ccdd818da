package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.Dimension.Kind;
import dev.footfall.console.query.Filter.Condition;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.Goal;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Queries with {@code event:goal}, as a dimension or a filter, answered from the goal conversions
 * the job writes ({@code footfall-goals-*}, one document per conversion, docs/funnels.md):
 * {@code events} are conversions, {@code visitors} distinct converting visitors, and
 * {@code conversion_rate} those visitors over all the site's visitors with the same filters but the
 * goal ones (Plausible's definition), that denominator asked of the engine like any visitors query.
 *
 * <p>What such a query may hold ({@link #check}): the metrics {@code visitors}, {@code events},
 * {@code conversion_rate}; {@code event:goal} as the only dimension; {@code event:goal} filters
 * ({@code is}, {@code is_not}, {@code contains}, {@code contains_not}) at the top level of the
 * filters, and other filters on attributes a conversion carries.
 */
public final class GoalSource implements StatsSource {

    static final Set<Metric> METRICS = EnumSet.of(Metric.VISITORS, Metric.EVENTS, Metric.CONVERSION_RATE);
    private static final Set<FilterOperator> GOAL_OPERATORS =
            EnumSet.of(FilterOperator.IS, FilterOperator.IS_NOT, FilterOperator.CONTAINS, FilterOperator.CONTAINS_NOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchClient client;
    private final Function<StatsQuery, CompletableFuture<QueryResult>> visitors;
    private final DefinitionsInForce definitions;

    /**
     * @param visitors    answers the conversion rate's denominator (all visitors, goal filters left out)
     * @param definitions the goals {@code event:goal is} values are checked against
     */
    public GoalSource(SearchClient client, Function<StatsQuery, CompletableFuture<QueryResult>> visitors,
            DefinitionsInForce definitions) {
        this.client = client;
        this.visitors = visitors;
        this.definitions = definitions;
    }

    /** Whether the query names {@code event:goal} anywhere. */
    static boolean involvesGoals(List<Dimension> dimensions, List<Filter> filters) {
        boolean[] found = {dimensions.stream().anyMatch(d -> d.kind() == Kind.EVENT_GOAL)};
        filters.forEach(f -> f.forEachCondition(c -> found[0] |= c.dimension().kind() == Kind.EVENT_GOAL));
        return found[0];
    }

    /** The filters but the top-level {@code event:goal} ones: those of the conversion rate's denominator. */
    static List<Filter> withoutGoals(List<Filter> filters) {
        return filters.stream().filter(f -> !(f instanceof Condition c && c.dimension().kind() == Kind.EVENT_GOAL)).toList();
    }

    @Override
    public boolean canAnswer(StatsQuery query) {
        return involvesGoals(query.dimensions(), query.filters());
    }

    /**
     * The rules of a goal query, checked by the parser; {@code conversion_rate} without
     * {@code event:goal} is refused as Plausible refuses it.
     */
    static void check(StatsQuery q) {
        boolean goals = involvesGoals(q.dimensions(), q.filters());
        if (!goals) {
            if (q.metrics().contains(Metric.CONVERSION_RATE)) {
                throw new QueryException("Metric `conversion_rate` can only be queried with event:goal filters or dimensions.");
            }
            return;
        }
        for (Metric m : q.metrics()) {
            if (!METRICS.contains(m)) {
                throw new QueryException("Metric `" + m.apiName() + "` cannot be queried with event:goal in Footfall "
                        + "(goal conversions give visitors, events and conversion_rate).");
            }
        }
        for (Dimension d : q.dimensions()) {
            if (d.kind() != Kind.EVENT_GOAL) {
                throw new QueryException("Footfall groups goal conversions by `event:goal` alone, not by `"
                        + d.apiName() + "`.");
            }
        }
        for (int i = 0; i < q.filters().size(); i++) {
            Filter f = q.filters().get(i);
            String path = "#/filters/" + i;
            if (f instanceof Condition c && c.dimension().kind() == Kind.EVENT_GOAL) {
                if (!GOAL_OPERATORS.contains(c.operator())) {
                    throw new QueryException(path + "/0: Filter operator \"" + c.operator().apiName()
                            + "\" is not available for event:goal (use is, is_not, contains or contains_not).");
                }
                continue;
            }
            f.forEachCondition(c -> {
                if (c.dimension().kind() == Kind.EVENT_GOAL) {
                    throw new QueryException(path + ": event:goal filters go at the top level of filters, "
                            + "not inside and, or or not.");
                }
                if (!ConversionFields.onGoals(c.dimension())) {
                    throw new QueryException(path + ": Footfall cannot filter goal conversions by `"
                            + c.dimension().apiName() + "` (they carry the event's page host, name, properties "
                            + "and visit attributes, not the page, entry or exit page or referrer).");
                }
            });
        }
    }

    @Override
    public CompletableFuture<QueryResult> run(StatsQuery q) {
        return knownGoals(q).thenCompose(unused -> {
            List<Filter> others = withoutGoals(q.filters());
            boolean grouped = !q.dimensions().isEmpty();
            CompletableFuture<List<JsonNode>> conversions =
                    client.multiSearch(List.of(new SearchClient.Search(IndexFamily.GOALS.indexPattern(), request(q, grouped))));
            CompletableFuture<Double> all = q.metrics().contains(Metric.CONVERSION_RATE)
                    ? visitors.apply(StatsQuery.of(q.siteId(), List.of(Metric.VISITORS), q.period(), List.of(), others,
                            StatsQuery.Pagination.DEFAULT)).thenApply(r -> r.rows().get(0).metrics().get(0))
                    : CompletableFuture.completedFuture(null);
            return conversions.thenCombine(all, (responses, total) -> {
                JsonNode aggs = SearchErrors.check(responses.get(0)).path("aggregations");
                Map<List<String>, Map<Metric, Double>> rows = new LinkedHashMap<>();
                if (grouped) {
                    for (JsonNode bucket : aggs.path("goals").path("buckets")) {
                        rows.put(List.of(bucket.path("key").asText()), metrics(q, bucket, total));
                    }
                } else {
                    rows.put(List.of(), metrics(q, aggs.path("all"), total));
                }
                return Rows.finish(q, rows, null);
            });
        });
    }

    /** Plausible refuses {@code is} on a goal the site does not have; so does Footfall when it knows the goals. */
    private CompletableFuture<Void> knownGoals(StatsQuery q) {
        if (q.siteId() == null) {
            return CompletableFuture.completedFuture(null); // every site (the CLI report): nothing to check against
        }
        return definitions.forSite(q.siteId()).thenAccept((Optional<Definitions> known) -> {
            if (known.isEmpty()) {
                return;
            }
            Set<String> names = new java.util.HashSet<>();
            known.get().goals().stream().map(Goal::name).forEach(names::add);
            for (int i = 0; i < q.filters().size(); i++) {
                if (q.filters().get(i) instanceof Condition c && c.dimension().kind() == Kind.EVENT_GOAL
                        && c.operator().positive() == FilterOperator.IS) {
                    for (int v = 0; v < c.values().size(); v++) {
                        String value = c.values().get(v);
                        boolean found = c.caseSensitive() ? names.contains(value)
                                : names.stream().anyMatch(n -> n.equalsIgnoreCase(value));
                        if (!found) {
                            throw new QueryException("#/filters/" + i + "/2/" + v + ": The goal `" + value
                                    + "` is not configured for this site.");
                        }
                    }
                }
            }
        });
    }

    private static ObjectNode request(StatsQuery q, boolean grouped) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        FilterClauses.siteAndPeriod(filter, q.siteId(), q.period());
        for (Filter f : q.filters()) {
            filter.add(FilterClauses.clause(f, d -> ConversionFields.required(ConversionFields.goal(d), d)));
        }
        ObjectNode leaf = JSON.createObjectNode();
        RawIndexSource.cardinality(leaf, "visitors", Fields.Goals.VISITOR_ID,
                grouped ? RawIndexSource.PRECISION_GROUPED : RawIndexSource.PRECISION_UNGROUPED);
        ObjectNode aggs = body.putObject("aggs");
        if (grouped) {
            ObjectNode goals = aggs.putObject("goals");
            goals.putObject("terms").put("field", Fields.Goals.GOAL).put("size", RawIndexSource.MAX_GROUPS);
            goals.set("aggs", leaf);
        } else {
            ObjectNode all = aggs.putObject("all");
            all.putObject("filter").putObject("match_all");
            all.set("aggs", leaf);
        }
        return body;
    }

    private static Map<Metric, Double> metrics(StatsQuery q, JsonNode bucket, Double total) {
        Map<Metric, Double> row = new EnumMap<>(Metric.class);
        double converted = bucket.path("visitors").path("value").asDouble(0);
        row.put(Metric.VISITORS, converted);
        row.put(Metric.EVENTS, bucket.path("doc_count").asDouble(0));
        if (total != null) {
            row.put(Metric.CONVERSION_RATE, total == 0 ? 0 : converted / total * 100);
        }
        return row;
    }
}
