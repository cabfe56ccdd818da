package dev.footfall.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.footfall.embedded.EmbeddedKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test-side Kafka access with string keys and values (UTF-8): create topics, produce and wait
 * for the acknowledgement, and read a topic from the beginning until a condition holds.
 * Nothing here sleeps; every wait has a deadline and fails with what it saw.
 */
public final class KafkaTestClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafka broker;

    public KafkaTestClient(EmbeddedKafka broker) {
        this.broker = Objects.requireNonNull(broker, "broker");
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** Creates the topic unless it exists; returns once every partition has a leader. */
    public void createTopic(String topic, int partitions) {
        broker.createTopic(topic, partitions);
    }

    /** Sends one record and waits until the broker has acknowledged it. */
    public RecordMetadata produce(String topic, String key, String value) {
        return produce(List.of(new ProducerRecord<>(topic, key, value))).get(0);
    }

    /**
     * Sends the records in order through one idempotent producer and waits until the broker has
     * acknowledged all of them; the returned metadata is in the same order.
     */
    public List<RecordMetadata> produce(List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sends.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (Future<RecordMetadata> send : sends) {
                acknowledged.add(send.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return acknowledged;
        } catch (ExecutionException e) {
            throw new AssertionError("Kafka rejected a record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("Kafka did not acknowledge the records within " + DEFAULT_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while producing", e);
        }
    }

    /** Reads the topic from the beginning until it holds at least {@code count} records. */
    public List<ConsumerRecord<String, String>> consumeAtLeast(String topic, int count) {
        return consumeUntil(topic, records -> records.size() >= count, DEFAULT_TIMEOUT);
    }

    /**
     * Reads every partition of the topic from the beginning, accumulating records in the order
     * polled (per-partition order is Kafka's), until {@code condition} holds for everything read
     * so far. Reads only committed records, as a downstream consumer would. Fails with the records
     * seen if the deadline passes first.
     */
    public List<ConsumerRecord<String, String>> consumeUntil(
            String topic, Predicate<List<ConsumerRecord<String, String>>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
            // Assigned, not subscribed: no consumer group, no rebalance to wait for.
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!condition.test(Collections.unmodifiableList(seen))) {
                long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (remainingMillis <= 0) {
                    throw new AssertionError("Condition on topic " + topic + " not met within " + timeout
                            + "; read " + seen.size() + " records: " + describe(seen));
                }
                consumer.poll(Duration.ofMillis(Math.min(remainingMillis, 500))).forEach(seen::add);
            }
        }
        return seen;
    }

    /**
     * Whether a consumer group has committed the end every partition of the topic has now. The
     * job commits on checkpoints, and a checkpoint completes only after every operator has
     * processed what came before it: so the job has processed everything written so far.
     */
    public boolean hasCommittedEverything(String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return admin.listOffsets(latest).all().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()
                    .stream().allMatch(end -> committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue().offset());
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the offsets of group " + group + " on " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Tests create their topics up front (see {@link #createTopic}); a missing one is a test bug. */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new AssertionError("Topic " + topic + " does not exist; create it first with createTopic");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
    }

    private static String describe(List<ConsumerRecord<String, String>> records) {
        return records.stream().limit(20)
                .map(r -> r.partition() + "@" + r.offset() + " " + r.key() + "=" + r.value())
                .collect(Collectors.joining(", ", "[", records.size() > 20 ? ", ...]" : "]"));
    }

    private Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DEFAULT_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    }

    private Map<String, Object> consumerConfig() {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }
}
