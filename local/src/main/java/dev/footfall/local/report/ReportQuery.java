package dev.footfall.local.report;

import dev.footfall.console.query.Dimension;
import dev.footfall.console.query.Filter;
import dev.footfall.console.query.FunnelQuery;
import dev.footfall.console.query.FunnelResult;
import dev.footfall.console.query.FilterOperator;
import dev.footfall.console.query.Metric;
import dev.footfall.console.query.QueryPeriod;
import dev.footfall.console.query.QueryResult;
import dev.footfall.console.query.StatsEngine;
import dev.footfall.console.query.StatsQuery;
import dev.footfall.config.sites.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The report as a client of the console's query layer: every number comes from
 * {@link StatsEngine}, computed exactly as the Stats API computes it (docs/stats-api.md). Across
 * every site, days are UTC's.
 */
public final class ReportQuery {

    private static final int TOP = 10;
    private static final List<Filter> PAGEVIEWS_ONLY = List.of(condition(FilterOperator.IS));
    private static final List<Filter> CUSTOM_EVENTS_ONLY = List.of(condition(FilterOperator.IS_NOT));

    private final StatsEngine engine;

    public ReportQuery(StatsEngine engine) {
        this.engine = engine;
    }

    /**
     * @param site null for every site
     * @throws dev.footfall.index.client.ServerException when OpenSearch cannot be reached or refuses a search
     */
    public Report run(String site, TimeRange range) {
        return run(site, range, null);
    }

    /**
     * @param funnel a funnel of {@code site} whose steps the report adds, or null
     * @throws dev.footfall.console.query.QueryException when the site has no such funnel
     */
    public Report run(String site, TimeRange range, String funnel) {
        QueryPeriod period = new QueryPeriod(range.from(), range.to(), Site.DEFAULT_TIMEZONE);
        CompletableFuture<QueryResult> totals = engine.query(StatsQuery.of(site,
                List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.VISITS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION),
                period, List.of(), List.of(), StatsQuery.Pagination.DEFAULT));
        CompletableFuture<QueryResult> pages = engine.query(StatsQuery.of(site, List.of(Metric.PAGEVIEWS), period,
                List.of(Dimension.of(Dimension.Kind.EVENT_PAGE)), PAGEVIEWS_ONLY, new StatsQuery.Pagination(TOP, 0)));
        CompletableFuture<QueryResult> sources = engine.query(StatsQuery.of(site, List.of(Metric.VISITS), period,
                List.of(Dimension.of(Dimension.Kind.VISIT_SOURCE)), List.of(), new StatsQuery.Pagination(TOP, 0)));
        CompletableFuture<QueryResult> events = engine.query(StatsQuery.of(site, List.of(Metric.EVENTS), period,
                List.of(Dimension.of(Dimension.Kind.EVENT_NAME)), CUSTOM_EVENTS_ONLY, new StatsQuery.Pagination(100, 0)));
        CompletableFuture<Map<String, Long>> invalid = engine.invalidEventsByReason(site, period);
        CompletableFuture<QueryResult> goals = engine.query(StatsQuery.of(site,
                List.of(Metric.VISITORS, Metric.EVENTS, Metric.CONVERSION_RATE), period,
                List.of(Dimension.of(Dimension.Kind.EVENT_GOAL)), List.of(), new StatsQuery.Pagination(100, 0)));
        CompletableFuture<FunnelResult> steps = funnel == null ? CompletableFuture.completedFuture(null)
                : engine.funnel(new FunnelQuery(site, funnel, period, List.of()));

        List<Double> t = await(totals).rows().get(0).metrics();
        List<Report.PageCount> topPages = new ArrayList<>();
        await(pages).rows().forEach(r -> topPages.add(new Report.PageCount(r.dimensions().get(0), count(r, 0))));
        List<Report.SourceCount> topSources = new ArrayList<>();
        await(sources).rows().forEach(r -> topSources.add(new Report.SourceCount(r.dimensions().get(0), count(r, 0))));
        Map<String, Long> byName = new LinkedHashMap<>();
        await(events).rows().forEach(r -> byName.put(r.dimensions().get(0), count(r, 0)));
        List<Report.GoalCount> goalCounts = new ArrayList<>();
        await(goals).rows().forEach(r -> goalCounts.add(
                new Report.GoalCount(r.dimensions().get(0), count(r, 0), count(r, 1), r.metrics().get(2))));
        FunnelResult f = await(steps);
        Report.FunnelSteps funnelSteps = f == null ? null : new Report.FunnelSteps(f.funnel(),
                f.steps().stream().map(step -> new Report.StepCount(step.name(), step.visitors())).toList());
        return new Report(site, range, Math.round(t.get(0)), Math.round(t.get(1)), Math.round(t.get(2)),
                t.get(3) / 100, t.get(4), topPages, topSources, byName, await(invalid), goalCounts, funnelSteps);
    }

    /** Waits for an answer; OpenSearch's failure comes out as the exception the command explains. */
    private static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static long count(QueryResult.Row row, int metric) {
        return Math.round(row.metrics().get(metric));
    }

    /** {@code event:name} is (or is not) {@code pageview}: page views only, or custom events only. */
    private static Filter condition(FilterOperator operator) {
        return new Filter.Condition(operator, Dimension.of(Dimension.Kind.EVENT_NAME), List.of("pageview"), true);
    }
}
