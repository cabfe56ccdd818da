package dev.footfall.job;

import dev.footfall.job.functions.AggregateHealth;
import dev.footfall.job.functions.AggregateRollups;
import dev.footfall.job.functions.DeduplicateEvents;
import dev.footfall.job.functions.EnrichEvent;
import dev.footfall.job.functions.MatchGoalsAndFunnels;
import dev.footfall.job.functions.Sessionizer;
import dev.footfall.job.functions.SplitInvalidRecords;
import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.RollupInput;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.serialization.DeadLetterSerializationSchema;
import dev.footfall.job.serialization.KeyStringType;
import dev.footfall.job.sink.Documents;
import dev.footfall.job.sink.OpenSearchSinks;
import dev.footfall.job.source.DefinitionsSource;
import dev.footfall.job.source.EventTimeWatermarks;
import dev.footfall.job.source.RawTopicSource;
import java.util.Objects;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Footfall pipeline: raw events from Kafka, validated, deduplicated, enriched, sessionized,
 * rolled up and matched against goals and funnels into OpenSearch, with invalid records to a
 * dead-letter topic and index.
 * docs/flink-job.md draws the topology.
 *
 * <p>The job takes its source and sinks as parameters, so tests and the local launcher can hand
 * it what they like; {@link #forSettings} wires the real Kafka source and OpenSearch sinks:
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * JobEnvironment.configure(env, settings);
 * FootfallJob.forSettings(settings).execute(env);
 * }</pre>
 */
public final class FootfallJob {

    public static final String JOB_NAME = "footfall";
    /** The entry point a cluster runs ({@link FootfallJobMain}). */
    public static final String MAIN_CLASS = "dev.footfall.job.FootfallJobMain";

    private final Source<ValidatedRecord, ?, ?> source;
    private final Sink<IndexAction> documentSink;
    private final Sink<IndexAction> aggregateSink;
    private final Sink<InvalidEvent> deadLetterSink;
    private final Source<DefinitionsRecord, ?, ?> definitionsSource;
    private final DefinitionsSource.Initial initialDefinitions;
    private final JobSettings settings;

    private FootfallJob(Builder b) {
        this.source = b.source;
        this.definitionsSource = b.definitionsSource;
        this.initialDefinitions = b.initialDefinitions;
        this.documentSink = b.documentSink;
        this.aggregateSink = b.aggregateSink;
        this.deadLetterSink = b.deadLetterSink;
        this.settings = b.settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The job with its production connectors: the Kafka raw topic, OpenSearch and the dead-letter topic. */
    public static FootfallJob forSettings(JobSettings settings) {
        return builder()
                .settings(settings)
                .source(RawTopicSource.create(settings.kafkaBootstrap(), settings.rawTopic(), settings.consumerGroup()))
                .documentSink(OpenSearchSinks.create(settings.openSearch(), settings.bulk()))
                .aggregateSink(OpenSearchSinks.create(settings.openSearch(), settings.bulk()))
                .deadLetterSink(deadLetterSink(settings))
                .definitions(definitionsSource(settings), initialDefinitions(settings))
                .build();
    }

    /** The definitions topic, as the broadcast input of goals and funnels. */
    public static Source<DefinitionsRecord, ?, ?> definitionsSource(JobSettings settings) {
        return DefinitionsSource.create(settings.kafkaBootstrap(), settings.definitionsTopic(),
                settings.consumerGroup() + "-definitions");
    }

    /** What the goals-and-funnels operator reads before its first event when it starts without state. */
    public static DefinitionsSource.Initial initialDefinitions(JobSettings settings) {
        return DefinitionsSource.Initial.fromTopic(settings.kafkaBootstrap(), settings.definitionsTopic());
    }

    /** The dead-letter topic's sink: every invalid record, at least once, with its reason. */
    public static Sink<InvalidEvent> deadLetterSink(JobSettings settings) {
        return KafkaSink.<InvalidEvent>builder()
                .setBootstrapServers(settings.kafkaBootstrap())
                .setRecordSerializer(new DeadLetterSerializationSchema(settings.invalidTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Builds the pipeline and runs it until it ends (a bounded source) or is cancelled. */
    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute(JOB_NAME);
    }

    /** Adds the pipeline to an environment without running it. */
    public void build(StreamExecutionEnvironment env) {
        SingleOutputStreamOperator<ValidEvent> valid = validEvents(env, source, settings);
        DataStream<InvalidEvent> invalid = valid.getSideOutput(SplitInvalidRecords.INVALID);
        SingleOutputStreamOperator<ValidEvent> unique = deduplicated(valid, settings);
        SingleOutputStreamOperator<EnrichedEvent> enriched = enriched(unique, settings);

        // Enrichment is a forward map: the stream is still partitioned by visitor, no shuffle needed.
        KeyedStream<EnrichedEvent, String> enrichedByVisitor =
                DataStreamUtils.reinterpretAsKeyedStream(enriched, EnrichedEvent::visitorKey, KeyStringType.INSTANCE);
        SingleOutputStreamOperator<IndexAction> documents = enrichedByVisitor
                .process(new Sessionizer(settings.sessionGap(), settings.allowedLateness(), settings.updateInterval()))
                .uid(OperatorIds.SESSIONIZER_UID)
                .name(OperatorIds.SESSIONIZER_NAME);
        // Chained to the sessionizer: an event's document reaches OpenSearch before any update of it.
        documents.sinkTo(documentSink).uid(OperatorIds.DOCUMENT_SINK_UID).name(OperatorIds.DOCUMENT_SINK_NAME);

        DataStream<IndexAction> conversions = goalsAndFunnels(enriched, env
                .fromSource(definitionsSource, DefinitionsSource.watermarks(), OperatorIds.DEFINITIONS_SOURCE_NAME)
                .uid(OperatorIds.DEFINITIONS_SOURCE_UID)
                // One small, single-partition topic: one reader broadcasts to every subtask.
                .setParallelism(1), initialDefinitions, settings);

        SingleOutputStreamOperator<IndexAction> rollups = documents.getSideOutput(Sessionizer.ROLLUPS)
                .keyBy(RollupInput::rowKey, KeyStringType.INSTANCE)
                .process(new AggregateRollups(settings.allowedLateness(), settings.updateInterval()))
                .uid(OperatorIds.ROLLUPS_UID)
                .name(OperatorIds.ROLLUPS_NAME);

        DataStream<HealthInput> invalidCounts = invalid
                .map(e -> HealthInput.invalid(e.siteId(), e.timestamp()))
                .returns(TypeInformation.of(HealthInput.class))
                .uid(OperatorIds.INVALID_HEALTH_UID)
                .name(OperatorIds.INVALID_HEALTH_NAME);
        SingleOutputStreamOperator<IndexAction> health = unique.getSideOutput(DeduplicateEvents.HEALTH)
                .union(rollups.getSideOutput(AggregateRollups.LATE_EVENTS), invalidCounts)
                .keyBy(HealthInput::siteId, KeyStringType.INSTANCE)
                .process(new AggregateHealth(settings.allowedLateness(), settings.updateInterval()))
                .uid(OperatorIds.HEALTH_UID)
                .name(OperatorIds.HEALTH_NAME);

        DataStream<IndexAction> invalidDocuments = invalid
                .map(Documents::invalid)
                .returns(TypeInformation.of(IndexAction.class))
                .uid(OperatorIds.INVALID_DOCS_UID)
                .name(OperatorIds.INVALID_DOCS_NAME);

        rollups.union(health, invalidDocuments, conversions)
                .sinkTo(aggregateSink)
                .uid(OperatorIds.AGGREGATE_SINK_UID)
                .name(OperatorIds.AGGREGATE_SINK_NAME);
        invalid.sinkTo(deadLetterSink).uid(OperatorIds.DEAD_LETTER_SINK_UID).name(OperatorIds.DEAD_LETTER_SINK_NAME);
    }

    /** Raw records, validated in the source (watermarks per partition), the invalid ones on a side output. */
    static SingleOutputStreamOperator<ValidEvent> validEvents(StreamExecutionEnvironment env,
            Source<ValidatedRecord, ?, ?> source, JobSettings settings) {
        return env
                .fromSource(source, EventTimeWatermarks.strategy(settings.outOfOrderness(), settings.sourceIdleness(),
                        settings.clockAfterQuiet()),
                        OperatorIds.SOURCE_NAME)
                .uid(OperatorIds.SOURCE_UID)
                .process(new SplitInvalidRecords())
                .uid(OperatorIds.SPLIT_INVALID_UID)
                .name(OperatorIds.SPLIT_INVALID_NAME);
    }

    /**
     * Keyed by visitor from here on, so each visitor's events keep their Kafka order on every run;
     * see docs/flink-job.md.
     */
    static SingleOutputStreamOperator<ValidEvent> deduplicated(DataStream<ValidEvent> valid, JobSettings settings) {
        return valid
                .keyBy(ValidEvent::visitorKey, KeyStringType.INSTANCE)
                .process(new DeduplicateEvents(settings.dedupTtl()))
                .uid(OperatorIds.DEDUP_UID)
                .name(OperatorIds.DEDUP_NAME);
    }

    static SingleOutputStreamOperator<EnrichedEvent> enriched(DataStream<ValidEvent> unique, JobSettings settings) {
        return unique
                .map(new EnrichEvent(settings.geoIpDatabase()))
                .uid(OperatorIds.ENRICH_UID)
                .name(OperatorIds.ENRICH_NAME);
    }

    /**
     * Goal conversions and funnel attempts of the enriched events, against the definitions
     * broadcast to every subtask. Still keyed by visitor, in partition order, like the sessionizer;
     * bots and events that can match nothing stay behind before the events cross to it.
     */
    static DataStream<IndexAction> goalsAndFunnels(DataStream<EnrichedEvent> enriched,
            DataStream<DefinitionsRecord> definitionRecords, DefinitionsSource.Initial initialDefinitions,
            JobSettings settings) {
        BroadcastStream<DefinitionsRecord> definitions = definitionRecords.broadcast(MatchGoalsAndFunnels.DEFINITIONS);
        SingleOutputStreamOperator<EnrichedEvent> candidates = enriched
                .filter(new GoalAndFunnelCandidates())
                .uid(OperatorIds.CANDIDATES_UID)
                .name(OperatorIds.CANDIDATES_NAME);
        return DataStreamUtils
                .reinterpretAsKeyedStream(candidates, EnrichedEvent::visitorKey, KeyStringType.INSTANCE)
                .connect(definitions)
                .process(new MatchGoalsAndFunnels(initialDefinitions, settings.allowedLateness(), settings.updateInterval()))
                .uid(OperatorIds.GOALS_FUNNELS_UID)
                .name(OperatorIds.GOALS_FUNNELS_NAME);
    }

    /** What can convert: page views and custom events of people (bots never count). */
    static final class GoalAndFunnelCandidates implements FilterFunction<EnrichedEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(EnrichedEvent event) {
            return !event.enrichment().bot()
                    && (event.event().isPageView() || event.event().type() == dev.footfall.event.EventType.TRACK);
        }
    }

    /**
     * Assembles a job. Every part is required.
     *
     * <pre>{@code
     * FootfallJob job = FootfallJob.builder()
     *         .settings(settings)
     *         .source(kafkaSource)
     *         .documentSink(openSearchSink)
     *         .aggregateSink(openSearchSink2)
     *         .deadLetterSink(kafkaSink)
     *         .definitions(definitionsSource, DefinitionsSource.Initial.fromTopic(bootstrap, topic))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private Source<ValidatedRecord, ?, ?> source;
        private Sink<IndexAction> documentSink;
        private Sink<IndexAction> aggregateSink;
        private Sink<InvalidEvent> deadLetterSink;
        private Source<DefinitionsRecord, ?, ?> definitionsSource;
        private DefinitionsSource.Initial initialDefinitions;
        private JobSettings settings;

        private Builder() {
        }

        /** Raw records, validated (see {@link dev.footfall.job.serialization.RawRecordDeserializer}). */
        public Builder source(Source<ValidatedRecord, ?, ?> value) {
            source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** Receives event and session documents, in order, including updates and deletions. */
        public Builder documentSink(Sink<IndexAction> value) {
            documentSink = Objects.requireNonNull(value, "documentSink");
            return this;
        }

        /** Receives rollup, health, invalid-event, goal and funnel documents. */
        public Builder aggregateSink(Sink<IndexAction> value) {
            aggregateSink = Objects.requireNonNull(value, "aggregateSink");
            return this;
        }

        /** Receives every invalid record. */
        public Builder deadLetterSink(Sink<InvalidEvent> value) {
            deadLetterSink = Objects.requireNonNull(value, "deadLetterSink");
            return this;
        }

        /**
         * The goal and funnel definitions: their topic as a source (read from its start), and what
         * is in force before the source has delivered anything ({@link #forSettings} wires the topic
         * for both).
         */
        public Builder definitions(Source<DefinitionsRecord, ?, ?> source, DefinitionsSource.Initial initial) {
            definitionsSource = Objects.requireNonNull(source, "definitions source");
            initialDefinitions = Objects.requireNonNull(initial, "initial definitions");
            return this;
        }

        public Builder settings(JobSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        public FootfallJob build() {
            if (source == null || documentSink == null || aggregateSink == null || deadLetterSink == null
                    || settings == null || definitionsSource == null) {
                throw new IllegalStateException("a job needs settings, a source, definitions, a document sink, an "
                        + "aggregate sink and a dead-letter sink");
            }
            return new FootfallJob(this);
        }
    }
}
