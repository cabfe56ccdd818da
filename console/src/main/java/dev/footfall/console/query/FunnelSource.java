package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.Funnel;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A funnel's step counts, from the attempts the job writes ({@code footfall-funnels-*}, one
 * document per attempt, dated by its first step; docs/funnels.md "Reading them"): the funnel's
 * current id and step labels come from the definitions in force, then one search counts, per step
 * k, the distinct visitors with an attempt that reached step k or further.
 */
public final class FunnelSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchClient client;
    private final DefinitionsInForce definitions;

    public FunnelSource(SearchClient client, DefinitionsInForce definitions) {
        this.client = client;
        this.definitions = definitions;
    }

    /** A funnel as a picker lists it: its name and its steps' labels. */
    public record Listed(String name, List<String> steps) {
    }

    /** The site's funnels, in the definitions' order (none when the console reads no definitions). */
    public CompletableFuture<List<Listed>> list(String siteId) {
        return definitions.forSite(siteId).thenApply(known -> {
            List<Listed> funnels = new ArrayList<>();
            known.ifPresent(d -> d.funnels().forEach(f ->
                    funnels.add(new Listed(f.name(), f.steps().stream().map(s -> s.label()).toList()))));
            return funnels;
        });
    }

    public CompletableFuture<FunnelResult> run(FunnelQuery q) {
        return definitions.forSite(q.siteId()).thenCompose(known -> {
            Funnel funnel = find(q, known);
            return client.multiSearch(List.of(new SearchClient.Search(IndexFamily.FUNNELS.indexPattern(), request(q, funnel))))
                    .thenApply(responses -> {
                        JsonNode buckets = SearchErrors.check(responses.get(0)).path("aggregations").path("steps").path("buckets");
                        List<FunnelResult.Step> steps = new ArrayList<>();
                        long entered = 0;
                        long previous = 0;
                        for (int k = 1; k <= funnel.steps().size(); k++) {
                            long visitors = buckets.path(Integer.toString(k)).path("visitors").path("value").asLong(0);
                            if (k == 1) {
                                entered = visitors;
                            }
                            double rate = entered == 0 ? 0 : visitors * 100.0 / entered;
                            steps.add(new FunnelResult.Step(funnel.steps().get(k - 1).label(), visitors, rate,
                                    k == 1 ? 0 : previous - visitors));
                            previous = visitors;
                        }
                        return new FunnelResult(funnel.name(), steps);
                    });
        });
    }

    private static Funnel find(FunnelQuery q, Optional<Definitions> known) {
        if (known.isEmpty()) {
            throw new QueryException("#/funnel: Unknown funnel `" + q.funnel() + "`: this console reads no goal and "
                    + "funnel definitions (set kafka.bootstrap).");
        }
        List<String> names = new ArrayList<>();
        for (Funnel f : known.get().funnels()) {
            if (f.name().equals(q.funnel())) {
                return f;
            }
            names.add("`" + f.name() + "`");
        }
        throw new QueryException("#/funnel: Unknown funnel `" + q.funnel() + "` for site `" + q.siteId() + "` ("
                + (names.isEmpty() ? "it has no funnels" : "its funnels: " + String.join(", ", names)) + ").");
    }

    private static ObjectNode request(FunnelQuery q, Funnel funnel) {
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        FilterClauses.siteAndPeriod(filter, q.siteId(), q.period());
        // An edited funnel is a new one: only attempts at the current definition count.
        filter.addObject().putObject("term").put(Fields.Funnels.FUNNEL_ID, funnel.id());
        for (Filter f : q.filters()) {
            filter.add(FilterClauses.clause(f, d -> ConversionFields.required(ConversionFields.funnel(d), d)));
        }
        ObjectNode steps = body.putObject("aggs").putObject("steps");
        ObjectNode byStep = steps.putObject("filters").putObject("filters");
        for (int k = 1; k <= funnel.steps().size(); k++) {
            byStep.putObject(Integer.toString(k)).putObject("range").putObject(Fields.Funnels.STEP_REACHED).put("gte", k);
        }
        RawIndexSource.cardinality(steps.putObject("aggs"), "visitors", Fields.Funnels.VISITOR_ID,
                RawIndexSource.PRECISION_UNGROUPED);
        return body;
    }
}
