package dev.footfall.job;

import dev.footfall.definitions.Definitions;
import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.serialization.RawRecordDeserializer;
import dev.footfall.job.source.DefinitionsSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Goals and funnels computed over the events the raw topic still holds: a bounded run of the live
 * job's own validation, deduplication, enrichment and goals-and-funnels operator, given only the
 * definitions to compute, writing only their documents. It writes the ids the live job writes, so
 * the two converge instead of adding up (docs/funnels.md, "Backfill", says where they cannot).
 *
 * <pre>{@code
 * BackfillJob.build(env, BackfillJob.rawSince(settings, Instant.now().minus(Duration.ofDays(7))),
 *         newDefinitions, settings, OpenSearchSinks.create(settings.openSearch(), settings.bulk()));
 * env.execute(BackfillJob.JOB_NAME);
 * }</pre>
 */
public final class BackfillJob {

    public static final String JOB_NAME = "footfall-backfill";

    private BackfillJob() {
    }

    /**
     * The raw topic from the first record it received at or after {@code since} to its end as it
     * is when the job starts. Offsets are not committed: the live job's group is left alone.
     */
    public static KafkaSource<ValidatedRecord> rawSince(JobSettings settings, Instant since) {
        return KafkaSource.<ValidatedRecord>builder()
                .setBootstrapServers(settings.kafkaBootstrap())
                .setTopics(settings.rawTopic())
                .setGroupId(settings.consumerGroup() + "-backfill")
                .setStartingOffsets(OffsetsInitializer.timestamp(since.toEpochMilli()))
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    /** Adds the backfill of {@code definitions} to an environment; it ends when the source does. */
    public static void build(StreamExecutionEnvironment env, Source<ValidatedRecord, ?, ?> source,
            Definitions definitions, JobSettings settings, Sink<IndexAction> sink) {
        Map<String, String> bySite = new LinkedHashMap<>();
        definitions.bySite().forEach((site, d) -> bySite.put(site, d.toJson()));
        // The definitions are in force from the first event on; the broadcast input only repeats them.
        List<DefinitionsRecord> records = new ArrayList<>();
        bySite.forEach((site, json) -> records.add(new DefinitionsRecord(site, 0, json)));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs definitions to compute");
        }
        DataStream<DefinitionsRecord> repeated = env.fromData(records, TypeInformation.of(DefinitionsRecord.class));

        SingleOutputStreamOperator<ValidEvent> valid = FootfallJob.validEvents(env, source, settings);
        FootfallJob.goalsAndFunnels(FootfallJob.enriched(FootfallJob.deduplicated(valid, settings), settings), repeated,
                        DefinitionsSource.Initial.fixed(bySite), settings)
                .sinkTo(sink)
                .name("OpenSearch goals and funnels (backfill)");
    }
}
