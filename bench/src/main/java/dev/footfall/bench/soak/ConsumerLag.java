package dev.footfall.bench.soak;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The job's consumer lag on the raw topic: the topic's end offsets minus the offsets the job's
 * Kafka source committed for its group. The source commits on each completed checkpoint, so the
 * lag also holds what arrived since the last one (a checkpoint interval's worth of records).
 */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;
    private final String topic;
    private final String group;

    ConsumerLag(String bootstrap, String topic, String group) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "footfall-soak-lag");
        this.admin = Admin.create(properties);
        this.topic = topic;
        this.group = group;
    }

    /** Records written to the topic and not yet committed by the job; the end offsets' sum too. */
    record Lag(long records, long endOffsets) {
    }

    Lag read() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        long total = 0;
        for (TopicPartition p : partitions) {
            long end = ends.get(p).offset();
            OffsetAndMetadata at = committed.get(p);
            total += end;
            lag += Math.max(0, end - (at == null ? 0 : at.offset()));
        }
        return new Lag(lag, total);
    }

    @Override
    public void close() {
        admin.close();
    }
}
