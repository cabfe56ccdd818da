package dev.footfall.console.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.console.query.RawIndexSource.Part;
import dev.footfall.console.query.RawIndexSource.Reading;
import dev.footfall.console.query.RawIndexSource.Target;
import dev.footfall.index.Fields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The custom property names of the events a query matches, each with the number of those events
 * that carry it: what a dashboard needs to offer {@code event:props:<name>} breakdowns without
 * knowing the names up front (Footfall's extension {@code POST /api/footfall/properties}).
 *
 * <p>The names come from {@code properties_kv} ({@code name=value} per top-level property): one
 * terms aggregation over its pairs, folded by name here. An event has one value per name, so the
 * pairs' counts add up to the events that carry the name, exactly, as long as the query matches
 * at most {@link RawIndexSource#MAX_GROUPS} distinct pairs; past that the rarest pairs are left
 * out and {@link Names#complete()} is false.
 */
public final class PropertyNames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SearchClient client;

    public PropertyNames(SearchClient client) {
        this.client = client;
    }

    /** One property name and the number of matching events that carry it. */
    public record Name(String name, long events) {
    }

    /**
     * @param names    most frequent first, then by name
     * @param complete false when some rare name=value pairs were left out of the counts
     */
    public record Names(List<Name> names, boolean complete) {
        public Names {
            names = List.copyOf(names);
        }
    }

    /** @param query from {@link QueryParser#parsePropertyNames}: its site, period and filters */
    public CompletableFuture<Names> find(StatsQuery query) {
        return RawIndexSource.exitPageVisits(client, query).thenCompose(exitPages -> find(query, exitPages));
    }

    private CompletableFuture<Names> find(StatsQuery query, RawIndexSource.ExitPageVisits exitPages) {
        Part search = new Part(new Reading(Target.EVENTS, false, exitPages), EnumSet.of(Metric.EVENTS), false);
        ObjectNode body = JSON.createObjectNode().put("size", 0).put("track_total_hits", false);
        body.set("query", search.query(query));
        body.putObject("aggs").putObject("pairs").putObject("terms")
                .put("field", Fields.Events.PROPERTIES_KV).put("size", RawIndexSource.MAX_GROUPS);
        List<SearchClient.Search> searches = new ArrayList<>(List.of(new SearchClient.Search(Target.EVENTS.index, body)));
        // A visit filter reads the events' copies of their visit's attributes, which older events lack.
        boolean newerFields = search.readsNewerFields(query);
        if (newerFields) {
            searches.add(search.olderDocumentsSearch(query));
        }
        return client.multiSearch(searches).thenApply(responses -> {
            if (newerFields) {
                search.refuseOlderDocuments(query, responses.get(1));
            }
            JsonNode pairs = SearchErrors.check(responses.get(0)).path("aggregations").path("pairs");
            Map<String, Long> counts = new LinkedHashMap<>();
            for (JsonNode bucket : pairs.path("buckets")) {
                String pair = bucket.path("key").asText();
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    counts.merge(pair.substring(0, equals), bucket.path("doc_count").asLong(), Long::sum);
                }
            }
            List<Name> names = new ArrayList<>();
            counts.forEach((name, events) -> names.add(new Name(name, events)));
            names.sort(Comparator.comparingLong(Name::events).reversed().thenComparing(Name::name));
            return new Names(names, pairs.path("sum_other_doc_count").asLong(0) == 0);
        });
    }
}
