package dev.footfall.console.query;

import java.util.concurrent.CompletableFuture;

/**
 * Where a query's numbers come from. Today every query reads the job's raw indices
 * ({@link RawIndexSource}); a pre-aggregated source can serve the queries it can answer, chosen
 * per query by {@link StatsEngine}.
 */
public interface StatsSource {

    /** Whether this source can answer the query exactly. */
    boolean canAnswer(StatsQuery query);

    CompletableFuture<QueryResult> run(StatsQuery query);
}
