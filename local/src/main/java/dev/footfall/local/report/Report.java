package dev.footfall.local.report;

import java.util.List;
import java.util.Map;

/**
 * The numbers of {@code ./footfall report}. Bots are excluded from every traffic figure.
 *
 * @param bounceRate bounces / sessions, 0..1 (0 when there are no sessions)
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
        Map<String, Long> invalid) {

    public record PageCount(String path, long pageviews) {
    }

    public record SourceCount(String source, long sessions) {
    }
}
