package dev.footfall.dashboards.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local mode's retention on a real node without ISM. The clock stands in 2020, so the other
 * tests' indices (2001: long expired; 2025: in the future) are handled too: 2001 ones are ours to
 * create and expect deleted, 2025 ones must survive.
 */
@ExtendWith(OpenSearchExtension.class)
class DailyIndexRetentionITCase {

    private static final Instant NOW = Instant.parse("2020-06-01T12:00:00Z");

    @Test
    void deletesExactlyTheDailyIndicesPastTheirFamilysAge(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        RestClient client = new RestClient(Endpoint.of("OpenSearch", node.httpUrl()));
        OpenSearchSetup.apply(client, OpenSearchSetup.Settings.defaults());
        List<String> expired = List.of(
                "footfall-events-2020.02.01",   // 90 days: its day ended 2020-02-02, plus 90 days is 2020-05-02
                "footfall-invalid-2020.05.17",  // 14 days: ended 05-18, plus 14 days is 06-01T00:00, before noon
                "footfall-sessions-2018.05.30"); // 2 years (730 days)
        List<String> kept = List.of(
                "footfall-events-2020.03.15",   // ended 03-16, plus 90 days is 06-14
                "footfall-invalid-2020.05.18",  // ended 05-19, plus 14 days is 06-02
                "footfall-sessions-2018.06.05",
                "footfall-rollups-2019.01.01",
                "footfall-health-2020.05.31",
                "footfall-events-latest");       // not a daily index: never touched
        for (String index : concat(expired, kept)) {
            search.deleteIndex(index);
            search.request("PUT", "/" + index, null);
        }
        try {
            RetentionSettings retention = RetentionSettings.defaults();
            DailyIndexRetention enforcer = new DailyIndexRetention(client, retention, Clock.fixed(NOW, ZoneOffset.UTC));

            List<String> deleted = enforcer.enforce();

            assertThat(deleted).containsAll(expired).doesNotContainAnyElementsOf(kept);
            assertThat(deleted).allSatisfy(name -> assertThat(name).doesNotContain("2025."));
            for (String index : expired) {
                assertThat(exists(search, index)).as(index).isFalse();
            }
            for (String index : kept) {
                assertThat(exists(search, index)).as(index).isTrue();
            }
            assertThat(enforcer.enforce()).as("a second run finds nothing more").isEmpty();
        } finally {
            kept.forEach(search::deleteIndex);
        }
    }

    @Test
    void aShorterConfiguredAgeDeletesSooner(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        RestClient client = new RestClient(Endpoint.of("OpenSearch", node.httpUrl()));
        OpenSearchSetup.apply(client, OpenSearchSetup.Settings.defaults());
        String index = "footfall-events-2020.05.20";
        search.deleteIndex(index);
        search.request("PUT", "/" + index, null);
        try {
            RetentionSettings sevenDays = RetentionSettings.defaults().with(IndexFamily.EVENTS, RetentionAge.parse("7d"));
            List<String> deleted = new DailyIndexRetention(client, sevenDays, Clock.fixed(NOW, ZoneOffset.UTC)).enforce();
            assertThat(deleted).contains(index);
        } finally {
            search.deleteIndex(index);
        }
    }

    private static boolean exists(OpenSearchTestClient search, String index) {
        for (com.fasterxml.jackson.databind.JsonNode row : search.request("GET", "/_cat/indices/footfall-*?format=json&h=index", null)) {
            if (row.path("index").asText().equals(index)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
