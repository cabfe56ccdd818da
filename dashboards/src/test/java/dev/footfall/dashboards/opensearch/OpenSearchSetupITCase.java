package dev.footfall.dashboards.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.ExitCode;
import dev.footfall.embedded.EmbeddedOpenSearch;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.index.client.ServerException;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The templates and the ISM detection against a real node (which has no ISM plugin). */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchSetupITCase {

    /** The daily index the running test writes to, if any. */
    private String testIndex;

    private static RestClient client(EmbeddedOpenSearch node) {
        return new RestClient(Endpoint.of("OpenSearch", node.httpUrl()));
    }

    /** {@code index}, emptied: the node is shared by every test class of the run. */
    private String freshIndex(OpenSearchTestClient search, String index) {
        search.deleteIndex(index);
        testIndex = index;
        return index;
    }

    /**
     * Leaves the shared node as the other test classes expect it after a test that wrote an index
     * (some change the templates to do so): the index gone, the default templates back.
     */
    @AfterEach
    void removeTheTestIndexAndRestoreTheTemplates(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        if (testIndex != null) {
            search.deleteIndex(testIndex);
            OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults());
        }
    }

    @Test
    void appliesEveryTemplateReportsTheMissingIsmPluginAndIsIdempotent(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        OpenSearchSetup.Report first = OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults());
        OpenSearchSetup.Report second = OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults());

        for (OpenSearchSetup.Report report : List.of(first, second)) {
            assertThat(report.templates()).containsExactly(IndexFamily.values());
            assertThat(report.ismAvailable()).isFalse();
            assertThat(report.policies()).isEmpty();
            assertThat(String.join("\n", report.lines())).contains("ISM plugin not installed");
        }
        for (IndexFamily family : IndexFamily.values()) {
            JsonNode stored = search.request("GET", "/_index_template/" + family.templateName(), null)
                    .at("/index_templates/0/index_template");
            assertThat(stored.at("/index_patterns/0").asText()).isEqualTo(family.indexPattern());
            assertThat(stored.at("/template/mappings/dynamic").asText()).isEqualTo("strict");
        }
    }

    @Test
    void aNewDailyIndexTakesTheTemplatesMappingAndSettings(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        OpenSearchSetup.apply(client(node), new OpenSearchSetup.Settings(new IndexSettings(2, 0), RetentionSettings.defaults(),
                OpenSearchSetup.IsmMode.AUTO));
        String index = freshIndex(search, "footfall-invalid-2001.01.01");
        search.bulkIndex(index, Map.of("t-0-1", Map.of("@timestamp", "2001-01-01T00:00:00Z", "reason", "malformed_json",
                "message", "Unexpected end-of-input", "payload", "{\"type\":", "payload_bytes", 8,
                "kafka_topic", "footfall.raw", "kafka_partition", 0, "kafka_offset", 1L)));
        JsonNode settings = search.request("GET", "/" + index + "/_settings", null).at("/" + index + "/settings/index");
        assertThat(settings.get("number_of_shards").asText()).isEqualTo("2");
        assertThat(settings.get("number_of_replicas").asText()).isEqualTo("0");
        JsonNode mapping = search.request("GET", "/" + index + "/_mapping", null).at("/" + index + "/mappings");
        assertThat(mapping.at("/properties/message/fields/text/type").asText()).isEqualTo("text");
        assertThat(search.count(index, "{\"query\":{\"match\":{\"message.text\":\"end\"}}}")).isEqualTo(1);
    }

    /**
     * An index created under an older template lacks the fields added since; strict, it would refuse
     * every document an upgraded job writes into it (today's index, a late event's day).
     */
    @Test
    void anIndexCreatedBeforeAFieldWasAddedTakesTheFieldAndKeepsItsDocuments(EmbeddedOpenSearch node,
            OpenSearchTestClient search) {
        String index = freshIndex(search, "footfall-events-2001.01.04");
        // The template as it was before visit_source was added: the day's index is created under it.
        ObjectNode older = IndexFamily.EVENTS.template();
        ((ObjectNode) older.at("/template/mappings/properties")).remove(Fields.Events.VISIT_SOURCE);
        search.request("PUT", "/_index_template/" + IndexFamily.EVENTS.templateName(), older.toString());
        search.bulkIndex(index, Map.of("demo:m1", Map.of("@timestamp", "2001-01-04T00:00:00Z", "site_id", "demo",
                "message_id", "m1", "type", "page")));
        assertThatThrownBy(() -> search.bulkIndex(index, Map.of("demo:m2", Map.of("@timestamp", "2001-01-04T00:01:00Z",
                "site_id", "demo", "message_id", "m2", "type", "page", "visit_source", "google"))))
                .hasMessageContaining("strict_dynamic_mapping_exception");

        OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults());

        search.bulkIndex(index, Map.of("demo:m2", Map.of("@timestamp", "2001-01-04T00:01:00Z", "site_id", "demo",
                "message_id", "m2", "type", "page", "visit_source", "google")));
        assertThat(search.count(index, "{\"query\":{\"term\":{\"visit_source\":\"google\"}}}")).isEqualTo(1);
        assertThat(search.count(index, "{\"query\":{\"match_all\":{}}}")).isEqualTo(2);
        JsonNode mapping = search.request("GET", "/" + index + "/_mapping", null).at("/" + index + "/mappings");
        assertThat(mapping.at("/dynamic").asText()).isEqualTo("strict");
        assertThat(mapping.at("/properties/visit_source/type").asText()).isEqualTo("keyword");
    }

    @Test
    void addingFieldsWhereNoIndexExistsYetIsNotAnError(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        // A new deployment: the family has no index yet (test classes run one after another).
        search.deleteIndex(IndexFamily.HEALTH.indexPattern());
        assertThat(search.request("GET", "/_cat/indices/footfall-health-*?format=json", null)).isEmpty();

        IndexTemplates.addFieldsToExistingIndices(client(node), IndexFamily.HEALTH);

        assertThat(search.request("GET", "/_cat/indices/footfall-health-*?format=json", null)).isEmpty();
    }

    @Test
    void aFieldOutsideTheContractIsRejectedNotSilentlyMapped(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults());
        String index = freshIndex(search, "footfall-health-2001.01.02");
        assertThatThrownBy(() -> search.bulkIndex(index, Map.of("x", Map.of("@timestamp", "2001-01-02T00:00:00Z",
                "site_id", "demo", "dropped", 3))))
                .hasMessageContaining("strict_dynamic_mapping_exception").hasMessageContaining("dropped");
    }

    @Test
    void flatObjectPropertiesAreSearchableBySubField(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults());
        String index = freshIndex(search, "footfall-events-2001.01.03");
        search.bulkIndex(index, Map.of("demo:m1", Map.of("@timestamp", "2001-01-03T00:00:00Z", "site_id", "demo",
                "message_id", "m1", "type", "track", "event_name", "Signed Up",
                "properties", Map.of("plan", "pro", "seats", 3, "nested", Map.of("a", "b")),
                "properties_kv", List.of("plan=pro", "seats=3"))));
        assertThat(search.count(index, "{\"query\":{\"term\":{\"properties.plan\":\"pro\"}}}")).isEqualTo(1);
        assertThat(search.count(index, "{\"query\":{\"term\":{\"properties.nested.a\":\"b\"}}}")).isEqualTo(1);
        assertThat(search.count(index, "{\"query\":{\"term\":{\"properties_kv\":\"seats=3\"}}}")).isEqualTo(1);
    }

    @Test
    void requiringIsmFailsClearlyWhereThePluginIsMissing(EmbeddedOpenSearch node) {
        assertThatThrownBy(() -> OpenSearchSetup.apply(client(node), OpenSearchSetup.Settings.defaults().withIsm(OpenSearchSetup.IsmMode.REQUIRE)))
                .isInstanceOfSatisfying(ServerException.class, e -> {
                    assertThat(ExitCode.of(e.kind())).isEqualTo(ExitCode.OPENSEARCH_REJECTED);
                    assertThat(e.getMessage()).contains("opensearch-index-management", "not installed");
                });
    }
}
