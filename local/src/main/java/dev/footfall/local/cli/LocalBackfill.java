package dev.footfall.local.cli;

import dev.footfall.definitions.cli.DefinitionsBackfill;
import dev.footfall.job.BackfillJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.job.sink.OpenSearchSinks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code footfall definitions apply --backfill AGE}: runs {@link BackfillJob} in this JVM on a
 * MiniCluster, against the raw topic and OpenSearch the job uses (its {@code FOOTFALL_*} settings).
 */
public final class LocalBackfill implements DefinitionsBackfill {

    @Override
    public List<String> run(Request request) throws Exception {
        JobSettings settings = JobSettings.fromArgs(new String[] {"--kafka-bootstrap", request.kafkaBootstrap(),
                        "--raw-topic", request.rawTopic(), "--opensearch-url", request.openSearchUrl()}, System.getenv())
                .toBuilder()
                .checkpointDir(Files.createTempDirectory("footfall-backfill").toUri().toString())
                .build();
        Instant now = Instant.now();
        Instant since = now.minus(request.age());
        List<String> lines = new ArrayList<>();
        Instant oldest = oldestRecord(settings);
        if (oldest == null) {
            lines.add("The raw topic " + settings.rawTopic() + " holds no events: nothing to backfill.");
            return lines;
        }
        if (oldest.isAfter(since)) {
            lines.add("The raw topic only goes back to " + oldest + " (Kafka's retention): the backfill starts there, "
                    + "not at " + since + ".");
        }
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                settings.parallelism() == null ? 2 : settings.parallelism(), conf);
        JobEnvironment.configure(env, settings);
        BackfillJob.build(env, BackfillJob.rawSince(settings, since), request.definitions(), settings,
                OpenSearchSinks.create(settings.openSearch(), settings.bulk()));
        long started = System.nanoTime();
        env.execute(BackfillJob.JOB_NAME);
        lines.add(String.format("Backfilled the events received from %s to %s into %s in %.1f s.",
                oldest.isAfter(since) ? oldest : since, now, settings.openSearch(), (System.nanoTime() - started) / 1e9));
        return lines;
    }

    /** When the raw topic's oldest record was received: how far back Kafka's retention lets a backfill go. */
    private static Instant oldestRecord(JobSettings settings) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(settings.rawTopic(), Duration.ofSeconds(30));
            Map<TopicPartition, Long> fromZero = new HashMap<>();
            for (PartitionInfo info : infos) {
                fromZero.put(new TopicPartition(settings.rawTopic(), info.partition()), 0L);
            }
            Instant oldest = null;
            for (OffsetAndTimestamp first : consumer.offsetsForTimes(fromZero, Duration.ofSeconds(30)).values()) {
                if (first != null && (oldest == null || first.timestamp() < oldest.toEpochMilli())) {
                    oldest = Instant.ofEpochMilli(first.timestamp());
                }
            }
            return oldest;
        }
    }
}
