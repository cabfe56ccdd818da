package dev.footfall.job.source;

import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.serialization.RawRecordDeserializer;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka source of the raw topic. Where to start comes from the checkpoint when there is one;
 * on a first start, from the consumer group's committed offsets, else from the earliest record,
 * so nothing the gateway wrote before the job first ran is skipped.
 */
public final class RawTopicSource {

    private RawTopicSource() {
    }

    public static KafkaSource<ValidatedRecord> create(String bootstrapServers, String topic, String consumerGroup) {
        return KafkaSource.<ValidatedRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(consumerGroup)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                // Offsets are committed on checkpoints only for monitoring (consumer lag); the
                // checkpoint, not the group, is where a restart resumes.
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }
}
