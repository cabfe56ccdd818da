package dev.footfall.bench.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;
import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.job.enrich.UserAgentClassifier;
import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.serialization.DefinitionsRecordDeserializer;
import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.job.sink.OpenSearchSinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.common.TopicPartition;

/**
 * One job run of the job benchmark, in a JVM of its own (a fresh heap and JIT for every run, the
 * same for the floors): reads the preloaded topic from its start to its end (or to given
 * offsets) in a MiniCluster, then reports how long draining took, measured from the first
 * record read to the end of the job, so start-up is not counted.
 *
 * <p>YAUAA's analyzer is built before the job starts (it takes seconds, once per JVM), so no run
 * pays for it inside its measurement.
 */
public final class JobRunProcess {

    private JobRunProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.runOnce(argv, JobRunProcess::run);
    }

    static ObjectNode run(Args args) throws Exception {
        JobVariant variant = JobVariant.valueOf(args.get("variant"));
        int parallelism = args.getInt("parallelism", 2);
        String topic = args.get("topic");
        JobSettings settings = JobSettings.builder()
                .kafkaBootstrap(args.get("bootstrap"))
                .rawTopic(topic)
                .invalidTopic(topic + ".invalid")
                .consumerGroup("bench-" + variant.name().toLowerCase() + "-" + System.nanoTime())
                .openSearch(OpenSearchConnection.of(args.get("opensearch", "http://127.0.0.1:9200")))
                .parallelism(parallelism)
                // Durable checkpoints, as docker-compose configures them: without a directory Flink keeps
                // checkpoints in the JobManager's memory, limited to 5 MB of state (see docs/performance.md).
                .checkpointDir(Path.of(args.get("checkpoint-dir")).toUri().toString())
                .definitionsTopic(args.get("definitions-topic"))
                .build();
        if (variant != JobVariant.PASS_THROUGH) {
            UserAgentClassifier.shared();
        }
        JvmSampler sampler = new JvmSampler().start();

        Configuration local = new Configuration();
        local.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        local.set(RestOptions.ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, local);
        JobEnvironment.configure(env, settings);
        env.configure(Configuration.fromMap(args.withPrefix("flink.")));
        OffsetsInitializer stop = stopOffsets(topic, args.get("stop-offsets", ""));
        if (variant == JobVariant.PASS_THROUGH) {
            KafkaSource<Integer> source = bounded(settings, topic, settings.consumerGroup(), stop,
                    new PassThroughDeserializer());
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "kafka-pass-through").uid("kafka-pass-through")
                    .sinkTo(new DiscardingSink<>()).uid("discard").name("discard");
        } else {
            KafkaSource<ValidatedRecord> source = bounded(settings, topic, settings.consumerGroup(), stop,
                    new TimedRawDeserializer());
            // The definitions topic read to its end, like the raw topic: a bounded run must end.
            KafkaSource<DefinitionsRecord> definitions = bounded(settings, settings.definitionsTopic(),
                    settings.consumerGroup() + "-definitions", OffsetsInitializer.latest(),
                    new DefinitionsRecordDeserializer());
            FootfallJob.Builder job = FootfallJob.builder().settings(settings).source(source)
                    .definitions(definitions, FootfallJob.initialDefinitions(settings));
            switch (variant) {
                case COMPUTE, COMPUTE_DEFINITIONS -> job.documentSink(new CountingSink<>("documents"))
                        .aggregateSink(new CountingSink<>("aggregates"))
                        .deadLetterSink(new CountingSink<>("dead-letters"));
                case CAPTURE -> {
                    Path dir = Path.of(args.get("capture-dir"));
                    Files.createDirectories(dir);
                    job.documentSink(new CountingSink<>("documents", new CapturingSink(dir, "documents")))
                            .aggregateSink(new CountingSink<>("aggregates", new CapturingSink(dir, "aggregates")))
                            .deadLetterSink(new CountingSink<>("dead-letters"));
                }
                case OPENSEARCH -> {
                    Sink<IndexAction> documents = OpenSearchSinks.create(settings.openSearch(), settings.bulk());
                    Sink<IndexAction> aggregates = OpenSearchSinks.create(settings.openSearch(), settings.bulk());
                    Sink<InvalidEvent> deadLetters = FootfallJob.deadLetterSink(settings);
                    job.documentSink(new CountingSink<>("documents", documents))
                            .aggregateSink(new CountingSink<>("aggregates", aggregates))
                            // not wrapped: the Kafka sink is stateful and committing, a plain wrapper would hide that
                            .deadLetterSink(deadLetters);
                }
                default -> throw new IllegalStateException("unexpected variant " + variant);
            }
            job.build().build(env);
        }

        sampler.reset();
        long submitted = System.nanoTime();
        env.execute("bench-" + variant.name().toLowerCase());
        long finished = System.nanoTime();
        long first = SourceClock.FIRST_RECORD_NANOS.get();
        ObjectNode result = sampler.snapshot("result");
        result.put("variant", variant.name())
                .put("records", SourceClock.RECORDS.sum())
                .put("drainSeconds", first == 0 ? Double.NaN : (finished - first) / 1e9)
                .put("wallSeconds", (finished - submitted) / 1e9)
                .put("startupSeconds", first == 0 ? Double.NaN : (first - submitted) / 1e9);
        result.set("sinkCounts", new ObjectMapper().valueToTree(CountingSink.counts()));
        return result;
    }

    /** {@code 0:1200,1:1180} stops each partition at that offset; empty: at the end of the topic. */
    /** A topic read from its start up to {@code stop}: every run drains the same records and ends. */
    private static <T> KafkaSource<T> bounded(JobSettings settings, String topic, String group, OffsetsInitializer stop,
            KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setBootstrapServers(settings.kafkaBootstrap())
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(stop)
                .setDeserializer(deserializer)
                .build();
    }

    private static OffsetsInitializer stopOffsets(String topic, String spec) {
        if (spec.isBlank()) {
            return OffsetsInitializer.latest();
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String part : spec.split(",")) {
            String[] pair = part.split(":");
            offsets.put(new TopicPartition(topic, Integer.parseInt(pair[0])), Long.parseLong(pair[1]));
        }
        return OffsetsInitializer.offsets(offsets);
    }
}
