package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.job.sink.OpenSearchSinks;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sink against a real node with the strict index templates: index, update and delete by id,
 * replays that overwrite, and documents OpenSearch refuses that must not stop the job.
 */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchSinkITCase extends FootfallJobTestBase {

    private static final String INDEX = "footfall-events-2026.04.01";

    @Test
    void shouldApplyIndexUpdateAndDeleteInOrderAndSkipWhatOpenSearchRefuses(EmbeddedOpenSearch openSearch,
            OpenSearchTestClient search) throws Exception {
        installIndexTemplates(search);
        String doc = "{\"@timestamp\":\"2026-04-01T10:00:00.000Z\",\"site_id\":\"sinktest\",\"message_id\":\"%s\","
                + "\"session_id\":\"s1\",\"properties\":{\"plan\":\"pro\",\"seats\":3}}";
        List<IndexAction> actions = List.of(
                IndexAction.index(INDEX, "sinktest:m1", doc.formatted("m1")),
                IndexAction.index(INDEX, "sinktest:m2", doc.formatted("m2")),
                IndexAction.index(INDEX, "sinktest:m1", doc.formatted("m1")), // a replay: overwrites
                IndexAction.update(INDEX, "sinktest:m1", "{\"session_id\":\"s2\"}"),
                IndexAction.delete(INDEX, "sinktest:m2"),
                IndexAction.delete(INDEX, "sinktest:never-written"),
                // Refused: a field the strict mapping does not know (400), an update of a missing document (404).
                IndexAction.index(INDEX, "sinktest:bad", "{\"site_id\":\"sinktest\",\"no_such_field\":1}"),
                IndexAction.update(INDEX, "sinktest:gone", "{\"session_id\":\"s3\"}"),
                IndexAction.index(INDEX, "sinktest:m3", doc.formatted("m3")));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(TypeInformation.of(IndexAction.class), actions.toArray(new IndexAction[0]))
                .sinkTo(OpenSearchSinks.create(OpenSearchConnection.of(openSearch.httpUrl()),
                        JobSettings.builder().build().bulk()));
        env.execute("sink-test"); // ends normally: the refused documents did not fail the job

        var docs = documents(search, IndexFamily.EVENTS, "sinktest");
        assertThat(docs.keySet()).containsExactlyInAnyOrder("sinktest:m1", "sinktest:m3");
        JsonNode m1 = docs.get("sinktest:m1");
        assertThat(m1.path("session_id").asText()).isEqualTo("s2");
        assertThat(m1.path("properties").path("seats").asInt()).isEqualTo(3);
        assertThat(search.count(INDEX, "{\"query\":{\"term\":{\"properties.plan\":\"pro\"}}}")).isEqualTo(2);
    }
}
