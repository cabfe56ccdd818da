package dev.footfall.local.report;

import java.util.List;
import java.util.Map;

/**
 * The numbers of {@code ./footfall report}. Bots are excluded from every traffic figure.
 *
 * @param bounceRate bounces / sessions, 0..1 (0 when there are no sessions)
 * @param goals      goals with conversions in the range, most converting visitors first
 */
public record Report(
        String site,
        TimeRange range,
        long visitors,
        long pageviews,
        long sessions,
        double bounceRate,
        double avgSessionSeconds,
        List<PageCount> topPages,
        List<SourceCount> sources,
        Map<String, Long> events,
        Map<String, Long> invalid,
        List<GoalCount> goals,
        FunnelSteps funnel) {

    /** @param conversionRate converting visitors over all visitors, × 100 (the Stats API's) */
    public record GoalCount(String name, long visitors, long events, double conversionRate) {
    }

    /** The funnel {@code --funnel} asked for; null when none was. */
    public record FunnelSteps(String name, List<StepCount> steps) {
    }

    public record StepCount(String name, long visitors) {
    }

    public record PageCount(String path, long pageviews) {
    }

    public record SourceCount(String source, long sessions) {
    }
}
