package dev.footfall.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.HashMap;
import java.util.Map;

/** What OpenSearch holds for one site: event documents by message id, and the site rollups' sums. */
final class IndexedEvents {

    static final String EVENTS = "footfall-events-*";
    static final String ROLLUPS = "footfall-rollups-*";
    // index.max_result_window: a test's traffic stays below it, and this says so if it does not.
    private static final int MAX_DOCUMENTS = 10_000;

    private final OpenSearchTestClient client;
    private final String siteId;

    IndexedEvents(OpenSearchTestClient client, String siteId) {
        this.client = client;
        this.siteId = siteId;
    }

    long count() {
        try {
            client.refresh(EVENTS);
            return client.count(EVENTS, "{\"query\":" + siteQuery() + "}");
        } catch (OpenSearchTestClient.ResponseException e) {
            return -1;
        }
    }

    /** Every event document of the site, as message id to the number of documents carrying it. */
    Map<String, Integer> documentsByMessageId() {
        client.refresh(EVENTS);
        JsonNode hits = client.search(EVENTS, "{\"size\":" + MAX_DOCUMENTS + ",\"track_total_hits\":true,"
                + "\"_source\":[\"message_id\"],\"query\":" + siteQuery() + "}").path("hits");
        long total = hits.path("total").path("value").asLong();
        if (total >= MAX_DOCUMENTS) {
            throw new IllegalStateException("too many documents for one read: " + total);
        }
        Map<String, Integer> byId = new HashMap<>();
        for (JsonNode hit : hits.path("hits")) {
            byId.merge(hit.path("_source").path("message_id").asText(), 1, Integer::sum);
        }
        return byId;
    }

    /** Page views and events summed over the site's per-minute totals rows. */
    RollupSums rollupSums() {
        try {
            client.refresh(ROLLUPS);
            JsonNode aggs = client.aggregate(ROLLUPS,
                    "{\"bool\":{\"filter\":[{\"term\":{\"site_id\":\"" + siteId + "\"}},{\"term\":{\"dimension\":\"site\"}}]}}",
                    "{\"pageviews\":{\"sum\":{\"field\":\"pageviews\"}},\"events\":{\"sum\":{\"field\":\"events\"}}}");
            return new RollupSums(aggs.path("pageviews").path("value").asLong(), aggs.path("events").path("value").asLong());
        } catch (OpenSearchTestClient.ResponseException e) {
            return new RollupSums(-1, -1);
        }
    }

    private String siteQuery() {
        return "{\"term\":{\"site_id\":\"" + siteId + "\"}}";
    }

    record RollupSums(long pageviews, long events) {
    }
}
