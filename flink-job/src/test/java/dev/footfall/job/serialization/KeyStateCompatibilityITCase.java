package dev.footfall.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.FootfallJobTestBase;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyed state and timers written before the job keyed its streams with {@link KeyStringType}
 * (Flink's own string serializer) restore into a job that does: a savepoint of an earlier version
 * must not stop the job from starting, nor lose what it counted. Then the same again from a
 * savepoint the restored job took itself.
 */
@ExtendWith(KafkaExtension.class)
class KeyStateCompatibilityITCase extends FootfallJobTestBase {

    private static final String IN = "key-compat-in";
    private static final String OUT = "key-compat-out";
    private static final int KEYS = 10;

    @TempDir
    Path savepoints;

    @Test
    void shouldRestoreStateKeyedWithFlinksStringSerializer(KafkaTestClient kafka, @InjectMiniCluster MiniCluster flink)
            throws Exception {
        kafka.createTopic(IN, 2);
        kafka.createTopic(OUT, 1);

        String before = runUntilCounted(kafka, flink, null, null, 3);
        String after = runUntilCounted(kafka, flink, KeyStringType.INSTANCE, before, 4);
        runUntilCounted(kafka, flink, KeyStringType.INSTANCE, after, 5);

        Map<String, List<String>> counts = new TreeMap<>();
        for (var record : kafka.consumeAtLeast(OUT, 5 * KEYS)) {
            counts.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record.value());
        }
        assertThat(counts).hasSize(KEYS)
                .allSatisfy((key, seen) -> assertThat(seen).as(key).containsExactly("1", "2", "3", "4", "5"));
    }

    /**
     * Runs the counting job (keyed with {@code keyType}, or Flink's default when null), from
     * {@code savepoint} if given, sends one record per key (three the first time) and waits until
     * every key reached {@code countTo}; returns the savepoint it stops with.
     */
    private String runUntilCounted(KafkaTestClient kafka, MiniCluster flink, TypeInformation<String> keyType,
            String savepoint, int countTo) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(PARALLELISM);
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(IN)
                .setGroupId("key-compat")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new SimpleStringSchema())
                .build();
        KafkaSink<String> sink = KafkaSink.<String>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder()
                        .setTopic(OUT)
                        .setKeySerializationSchema(line -> line.split("=")[0].getBytes())
                        .setValueSerializationSchema(line -> line.split("=")[1].getBytes())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
        var stream = env.fromSource(source, WatermarkStrategy.noWatermarks(), "in").uid("in");
        var keyed = keyType == null ? stream.keyBy(new Identity()) : stream.keyBy(new Identity(), keyType);
        keyed.process(new CountPerKey()).uid("count").sinkTo(sink).uid("out");

        JobGraph graph = env.getStreamGraph().getJobGraph();
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        }
        JobID job = flink.submitJob(graph).get().getJobID();
        for (int round = savepoint == null ? 1 : countTo; round <= countTo; round++) {
            for (int k = 0; k < KEYS; k++) {
                kafka.produce(IN, null, "visitor-" + k);
            }
        }
        kafka.consumeUntil(OUT, records -> records.size() >= countTo * KEYS, DEADLINE);
        return flink.stopWithSavepoint(job, savepoints.toUri().toString(), false, SavepointFormatType.CANONICAL).get();
    }

    static final class Identity implements KeySelector<String, String> {
        @Override
        public String getKey(String value) {
            return value;
        }
    }

    /** Counts records per key, and keeps a timer per key, so both state and timers carry keys. */
    static final class CountPerKey extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> count;

        @Override
        public void open(Configuration parameters) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.INT));
        }

        @Override
        public void processElement(String value, Context ctx, Collector<String> out) throws Exception {
            int next = count.value() == null ? 1 : count.value() + 1;
            count.update(next);
            ctx.timerService().registerProcessingTimeTimer(Long.MAX_VALUE - next);
            out.collect(ctx.getCurrentKey() + "=" + next);
        }
    }
}
