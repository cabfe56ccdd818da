package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Aggregations a dashboard relies on, run against the real node with numbers counted by hand.
 * The eight events, by UTC day:
 * <pre>
 *   03-01  page_view v1 10:15 (/pricing, free) | page_view v2 11:30 (/, pro) | signup v1 12:00 (free)
 *   03-02  page_view v3 09:00 (/pricing, pro)  | purchase v2 09:45 (pro)
 *   03-03  page_view v1 18:20 (/docs, free)    | page_view v4 23:59:59 (/pricing, enterprise)
 *   03-04  signup v4 00:00 (enterprise)
 * </pre>
 */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchSmokeITCase {

    private static final String INDEX = "smoke-events";
    private static final String MAPPING = """
            {"properties":{
              "event":{"type":"keyword"},
              "visitor":{"type":"keyword"},
              "timestamp":{"type":"date"},
              "properties":{"type":"flat_object"}
            }}""";

    @BeforeAll
    static void indexEvents(OpenSearchTestClient search) {
        search.deleteIndex(INDEX);
        search.createIndex(INDEX, MAPPING);
        search.bulkIndex(INDEX, List.of(
                event("page_view", "v1", "2026-03-01T10:15:00Z", Map.of("plan", "free", "page", Map.of("path", "/pricing"))),
                event("page_view", "v2", "2026-03-01T11:30:00Z", Map.of("plan", "pro", "page", Map.of("path", "/"))),
                event("signup", "v1", "2026-03-01T12:00:00Z", Map.of("plan", "free")),
                event("page_view", "v3", "2026-03-02T09:00:00Z", Map.of("plan", "pro", "page", Map.of("path", "/pricing"))),
                event("purchase", "v2", "2026-03-02T09:45:00Z", Map.of("plan", "pro", "amount", "49")),
                event("page_view", "v1", "2026-03-03T18:20:00Z", Map.of("plan", "free", "page", Map.of("path", "/docs"))),
                event("page_view", "v4", "2026-03-03T23:59:59Z", Map.of("plan", "enterprise", "page", Map.of("path", "/pricing"))),
                event("signup", "v4", "2026-03-04T00:00:00Z", Map.of("plan", "enterprise"))));
    }

    @Test
    void shouldIndexEveryDocument(OpenSearchTestClient search) {
        assertThat(search.count(INDEX)).isEqualTo(8);
    }

    @Test
    void shouldCountEventsByName(OpenSearchTestClient search) {
        JsonNode buckets = search.aggregate(INDEX, """
                {"by_event":{"terms":{"field":"event"}}}""").path("by_event").path("buckets");

        assertThat(keysAndCounts(buckets)).containsExactly(
                Map.entry("page_view", 5L), Map.entry("signup", 2L), Map.entry("purchase", 1L));
    }

    @Test
    void shouldCountEventsAndVisitorsPerUtcDay(OpenSearchTestClient search) {
        JsonNode buckets = search.aggregate(INDEX, """
                {"per_day":{
                  "date_histogram":{"field":"timestamp","calendar_interval":"day","time_zone":"UTC"},
                  "aggs":{"visitors":{"cardinality":{"field":"visitor"}}}
                }}""").path("per_day").path("buckets");

        assertThat(buckets).extracting(bucket -> bucket.path("key_as_string").asText()).containsExactly(
                "2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z", "2026-03-04T00:00:00.000Z");
        assertThat(buckets).extracting(bucket -> bucket.path("doc_count").asLong()).containsExactly(3L, 2L, 2L, 1L);
        assertThat(buckets).extracting(bucket -> bucket.path("visitors").path("value").asLong()).containsExactly(2L, 2L, 2L, 1L);
    }

    @Test
    void shouldCountDistinctVisitors(OpenSearchTestClient search) {
        JsonNode aggregations = search.aggregate(INDEX, """
                {"visitors":{"cardinality":{"field":"visitor"}}}""");
        JsonNode signupVisitors = search.aggregate(INDEX, """
                {"term":{"event":"signup"}}""", """
                {"visitors":{"cardinality":{"field":"visitor"}}}""");

        assertThat(aggregations.path("visitors").path("value").asLong()).isEqualTo(4);
        assertThat(signupVisitors.path("visitors").path("value").asLong()).isEqualTo(2);
    }

    @Test
    void shouldFindDocumentsByFlatObjectSubField(OpenSearchTestClient search) {
        long pricingViews = search.count(INDEX, """
                {"query":{"term":{"properties.page.path":"/pricing"}}}""");
        JsonNode proEvents = search.search(INDEX, """
                {"query":{"term":{"properties.plan":"pro"}},"sort":[{"timestamp":"asc"}]}""");

        assertThat(pricingViews).isEqualTo(3);
        assertThat(proEvents.path("hits").path("hits")).extracting(hit -> hit.path("_source").path("event").asText())
                .containsExactly("page_view", "page_view", "purchase");
    }

    private static Map<String, Object> event(String name, String visitor, String timestamp, Map<String, Object> properties) {
        return Map.of("event", name, "visitor", visitor, "timestamp", timestamp, "properties", properties);
    }

    private static List<Map.Entry<String, Long>> keysAndCounts(JsonNode buckets) {
        return java.util.stream.StreamSupport.stream(buckets.spliterator(), false)
                .map(bucket -> Map.entry(bucket.path("key").asText(), bucket.path("doc_count").asLong()))
                .toList();
    }
}
