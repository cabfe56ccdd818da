package dev.footfall.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.index.client.RestClient;
import java.util.Map;
import java.util.TreeMap;

/**
 * What OpenSearch holds: searchable event documents (the ledger's "indexed"), and documents and
 * store bytes per index family (events, sessions, rollups, health, invalid).
 */
final class IndexCounts {

    /** One reading. */
    record Counts(long events, Map<String, Long> documentsByFamily, long storeBytes) {
    }

    private final RestClient search;

    IndexCounts(RestClient search) {
        this.search = search;
    }

    Counts read() {
        RestClient.Response count = search.get("/footfall-events-*/_count");
        long events = count.isSuccess() ? count.json().path("count").asLong() : 0;
        Map<String, Long> byFamily = new TreeMap<>();
        long store = 0;
        RestClient.Response indices = search.get("/_cat/indices/footfall-*?format=json&bytes=b");
        if (indices.isSuccess()) {
            for (JsonNode index : indices.json()) {
                String name = index.path("index").asText();
                String family = name.replaceFirst("^footfall-", "").replaceFirst("-\\d{4}\\.\\d{2}\\.\\d{2}$", "");
                byFamily.merge(family, index.path("docs.count").asLong(), Long::sum);
                store += index.path("store.size").asLong();
            }
        }
        return new Counts(events, byFamily, store);
    }
}
