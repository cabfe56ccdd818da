package dev.footfall.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queries docs/funnels.md gives for reading goals and funnels, as a reader (the Stats API)
 * would run them: one search each, no per-step follow-up.
 */
public final class ConversionQueries {

    private ConversionQueries() {
    }

    /** Visitors who reached each step of a funnel (by its id), among attempts started in the range. */
    public static List<Long> funnelVisitors(OpenSearchTestClient search, String site, String funnelId, int steps,
            String from, String to) {
        StringBuilder filters = new StringBuilder();
        for (int step = 1; step <= steps; step++) {
            filters.append(step == 1 ? "" : ",").append("\"").append(step)
                    .append("\":{\"range\":{\"step_reached\":{\"gte\":").append(step).append("}}}");
        }
        search.refresh(IndexFamily.FUNNELS.indexPattern());
        JsonNode buckets = search.search(IndexFamily.FUNNELS.indexPattern(), """
                {"size": 0,
                 "query": {"bool": {"filter": [
                   {"term": {"site_id": "%s"}}, {"term": {"funnel_id": "%s"}},
                   {"range": {"@timestamp": {"gte": "%s", "lt": "%s"}}}]}},
                 "aggs": {"steps": {"filters": {"filters": {%s}},
                          "aggs": {"visitors": {"cardinality": {"field": "visitor_id"}}}}}}
                """.formatted(site, funnelId, from, to, filters)).at("/aggregations/steps/buckets");
        List<Long> visitors = new ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            visitors.add(buckets.path(Integer.toString(step)).at("/visitors/value").asLong());
        }
        return visitors;
    }

    /** Per goal: {events, visitors} converting in the range. */
    public static Map<String, List<Long>> goals(OpenSearchTestClient search, String site, String from, String to) {
        search.refresh(IndexFamily.GOALS.indexPattern());
        JsonNode buckets = search.search(IndexFamily.GOALS.indexPattern(), """
                {"size": 0,
                 "query": {"bool": {"filter": [
                   {"term": {"site_id": "%s"}}, {"range": {"@timestamp": {"gte": "%s", "lt": "%s"}}}]}},
                 "aggs": {"goals": {"terms": {"field": "goal", "size": 1000},
                          "aggs": {"visitors": {"cardinality": {"field": "visitor_id"}}}}}}
                """.formatted(site, from, to)).at("/aggregations/goals/buckets");
        Map<String, List<Long>> byGoal = new TreeMap<>();
        for (JsonNode bucket : buckets) {
            byGoal.put(bucket.path("key").asText(), List.of(bucket.path("doc_count").asLong(),
                    bucket.at("/visitors/value").asLong()));
        }
        return byGoal;
    }
}
