package dev.footfall.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./footfall definitions apply FILE --backfill 7d} as the launcher runs it: the file is put
 * in force, then the backfill job runs in this JVM over the raw topic and writes the new goal and
 * funnel documents; applying the same file again has nothing new to backfill.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class DefinitionsBackfillITCase {

    private static final String RAW = "backfill.raw";
    private static final String DEFINITIONS = "backfill.definitions";

    @TempDir
    Path dir;

    private static String page(String visitor, String id, String time, String path) {
        return """
                {"type": "page", "messageId": "%s", "anonymousId": "%s", "timestamp": "2026-03-05T%sZ",
                 "receivedAt": "2026-03-05T%sZ", "siteId": "local",
                 "context": {"page": {"url": "https://local.example%s"}}}""".formatted(id, visitor, time, time, path);
    }

    @Test
    void shouldApplyAndBackfillTheNewDefinitionsOverTheRawTopic(KafkaTestClient kafka, EmbeddedOpenSearch node,
            OpenSearchTestClient search) throws Exception {
        PipelineDocuments.createIndices(node, search);
        kafka.createTopic(RAW, 2);
        // Ann goes from / to /pricing within the window; Bob only sees /pricing.
        kafka.produce(List.of(
                new ProducerRecord<>(RAW, "local/ann", page("ann", "a1", "10:00:00", "/")),
                new ProducerRecord<>(RAW, "local/ann", page("ann", "a2", "10:05:00", "/pricing")),
                new ProducerRecord<>(RAW, "local/bob", page("bob", "b1", "10:01:00", "/pricing"))));
        Path file = Files.writeString(dir.resolve("definitions.json"), """
                {"goals": [{"site": "local", "name": "Saw pricing", "page": "/pricing"}],
                 "funnels": [{"site": "local", "name": "Home to pricing", "window": "30m",
                              "steps": [{"page": "/"}, {"page": "/pricing"}]}]}""");

        String out = apply(kafka, node, file);

        assertThat(out).contains("+ goal Saw pricing", "+ funnel Home to pricing",
                "Backfilling 1 goal(s) and 1 funnel(s) over the last 7d", "Backfilled the events received from");
        assertThat(new DefinitionsTopic(kafka.bootstrapServers(), DEFINITIONS).readAll()).containsOnlyKeys("local");
        search.refresh("footfall-*");
        assertThat(sources(search, IndexFamily.GOALS)).extracting(g -> g.path("visitor_id").asText())
                .containsExactlyInAnyOrder("ann", "bob");
        assertThat(sources(search, IndexFamily.FUNNELS)).singleElement().satisfies(attempt -> {
            assertThat(attempt.path("visitor_id").asText()).isEqualTo("ann");
            assertThat(attempt.path("step_reached").asInt()).isEqualTo(2);
            assertThat(attempt.path("completed").asBoolean()).isTrue();
        });

        assertThat(apply(kafka, node, file)).contains("Nothing to change", "Nothing new to backfill.");
    }

    private String apply(KafkaTestClient kafka, EmbeddedOpenSearch node, Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = dev.footfall.local.FootfallCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("definitions", "apply", file.toString(), "--backfill", "7d", "--kafka", kafka.bootstrapServers(),
                        "--topic", DEFINITIONS, "--raw-topic", RAW, "--opensearch", node.httpUrl());
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private static List<JsonNode> sources(OpenSearchTestClient search, IndexFamily family) {
        List<JsonNode> sources = new ArrayList<>();
        search.search(family.indexPattern(), "{\"size\": 100, \"query\": {\"term\": {\"site_id\": \"local\"}}}")
                .path("hits").path("hits").forEach(hit -> sources.add(hit.path("_source")));
        return sources;
    }
}
