package dev.footfall.job;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.serialization.RawRecordDeserializer;
import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.job.sink.OpenSearchSinks;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the job's integration tests share: a MiniCluster with two slots (the job runs at
 * parallelism 2), settings tuned for quick tests, and reading documents back from OpenSearch.
 * The Kafka broker and OpenSearch node come from the testkit extensions and are shared by the
 * JVM, so each test uses site ids and topics of its own.
 */
public abstract class FootfallJobTestBase {

    public static final int PARALLELISM = 2;
    public static final Duration DEADLINE = Duration.ofSeconds(120);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());

    /** Production defaults, but quick: short update, flush and checkpoint intervals. */
    protected static JobSettings.Builder testSettings(KafkaTestClient kafka, EmbeddedOpenSearch openSearch,
            String rawTopic) {
        return JobSettings.builder()
                .kafkaBootstrap(kafka.bootstrapServers())
                .rawTopic(rawTopic)
                .invalidTopic(rawTopic + ".invalid")
                .definitionsTopic(rawTopic + ".definitions")
                .consumerGroup(rawTopic + "-job")
                .openSearch(OpenSearchConnection.of(openSearch.httpUrl()))
                .updateInterval(Duration.ofMillis(200))
                .checkpointInterval(Duration.ofMillis(500))
                // Long enough that a partition is not declared idle between two records on a loaded
                // machine (the other partition's watermark would then race ahead); the scripts end
                // every partition with a clock record, so nothing waits for idleness to progress.
                .sourceIdleness(Duration.ofSeconds(10))
                // The scripts move event time with clock records of their own, in the past: a
                // partition quiet for minutes on a slow machine must not move it to today.
                .clockAfterQuiet(Duration.ZERO)
                .parallelism(PARALLELISM)
                .bulk(new OpenSearchSinks.BulkSettings(500, 5, Duration.ofMillis(100), 5, Duration.ofMillis(100)));
    }

    /**
     * Puts the index templates the dashboards module ships (strict mappings, {@code flat_object}
     * properties): a document that strays from docs/index-schema.md is then refused, and missed.
     */
    protected static void installIndexTemplates(OpenSearchTestClient search) {
        for (IndexFamily family : IndexFamily.values()) {
            search.request("PUT", "/_index_template/" + family.templateName(), family.template().toString());
        }
    }

    /** The raw topic from its beginning, stopping at its end when {@code bounded}. */
    protected static KafkaSource<ValidatedRecord> rawSource(JobSettings settings, boolean bounded) {
        var builder = KafkaSource.<ValidatedRecord>builder()
                .setBootstrapServers(settings.kafkaBootstrap())
                .setTopics(settings.rawTopic())
                .setGroupId(settings.consumerGroup())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RawRecordDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /** Every document of an index family for one site, by id, as stored. */
    protected static Map<String, JsonNode> documents(OpenSearchTestClient search, IndexFamily family, String site) {
        return byId(search, family, site, hit -> hit.path("_source"));
    }

    /** Where a document lives: index and id of every document of a family for one site. */
    protected static Map<String, String> indexOf(OpenSearchTestClient search, IndexFamily family, String site) {
        return byId(search, family, site, hit -> hit.path("_index").asText());
    }

    private static <T> Map<String, T> byId(OpenSearchTestClient search, IndexFamily family, String site,
            Function<JsonNode, T> value) {
        search.refresh(family.indexPattern());
        JsonNode hits = search.search(family.indexPattern(),
                "{\"size\":10000,\"query\":{\"match\":{\"site_id\":\"" + site + "\"}}}").path("hits").path("hits");
        Map<String, T> byId = new LinkedHashMap<>();
        for (JsonNode hit : hits) {
            byId.put(hit.path("_id").asText(), value.apply(hit));
        }
        return byId;
    }

    /**
     * Runs the job as production wires it (OpenSearch sinks, the dead-letter topic), reading the
     * raw topic from its beginning, until cancelled. {@code documents} wraps the document sink,
     * for tests that inject a failure there.
     */
    protected static JobClient startJob(JobSettings settings, UnaryOperator<Sink<IndexAction>> documents)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, settings);
        FootfallJob.builder()
                .settings(settings)
                .source(rawSource(settings, false))
                .documentSink(documents.apply(OpenSearchSinks.create(settings.openSearch(), settings.bulk())))
                .aggregateSink(OpenSearchSinks.create(settings.openSearch(), settings.bulk()))
                .deadLetterSink(FootfallJob.deadLetterSink(settings))
                .definitions(FootfallJob.definitionsSource(settings), FootfallJob.initialDefinitions(settings))
                .build()
                .build(env);
        return env.executeAsync(FootfallJob.JOB_NAME);
    }

    protected static JobClient startJob(JobSettings settings) throws Exception {
        return startJob(settings, UnaryOperator.identity());
    }

    protected static void eventually(Runnable assertion) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(assertion::run);
    }
}
