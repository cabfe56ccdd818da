package dev.footfall.job.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.ArrayList;
import java.util.List;

/** Every matching document of an index pattern, page by page (a search alone stops at 10,000). */
final class Scroll {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 5_000;

    private Scroll() {
    }

    /** The {@code _source} of every document matching {@code queryJson}, only the given fields. */
    static List<JsonNode> all(OpenSearchTestClient search, String index, String queryJson, String... fields) {
        search.refresh(index);
        String body = "{\"size\":" + PAGE + ",\"sort\":[\"_doc\"],\"_source\":" + JSON.valueToTree(fields)
                + ",\"query\":" + queryJson + "}";
        JsonNode page = search.request("POST", "/" + index + "/_search?scroll=2m", body);
        List<JsonNode> sources = new ArrayList<>();
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (page.path("hits").path("hits").size() > 0) {
                page.path("hits").path("hits").forEach(hit -> sources.add(hit.path("_source")));
                page = search.request("POST", "/_search/scroll",
                        "{\"scroll\":\"2m\",\"scroll_id\":\"" + scrollId + "\"}");
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                search.request("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
            }
        }
        return sources;
    }
}
