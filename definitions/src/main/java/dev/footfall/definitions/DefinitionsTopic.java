package dev.footfall.definitions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The compacted Kafka topic that carries the definitions to the job: key = site id, value = that
 * site's definitions in the file's form ({@link Definitions#toJson}), a tombstone (null value)
 * when a site has none any more. Compaction keeps the latest record of each site, so reading the
 * topic from its start gives what is in force. One partition: the topic is small, and one
 * partition keeps every change in one order.
 */
public final class DefinitionsTopic {

    public static final String DEFAULT_TOPIC = "footfall.definitions";
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String topic;

    public DefinitionsTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** One site's definitions as the topic holds them. */
    public record Stored(String site, long offset, long timestamp, String json) {
    }

    /** Creates the topic (compacted, one partition) unless it exists. */
    public void ensureExists() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the definitions topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * What is in force: the latest record of each site, read from the topic's start to its end as
     * it was when the read began. A missing topic holds nothing.
     */
    public Map<String, Stored> readAll() {
        Map<String, Stored> bySite = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<PartitionInfo> infos = consumer.listTopics(TIMEOUT).get(topic);
            if (infos == null || infos.isEmpty()) {
                return bySite;
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions, TIMEOUT));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ends.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the definitions topic " + topic + " within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() == null) {
                        continue;
                    }
                    String site = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        bySite.remove(site);
                    } else {
                        bySite.put(site, new Stored(site, record.offset(), record.timestamp(),
                                new String(record.value(), StandardCharsets.UTF_8)));
                    }
                }
                ends.entrySet().removeIf(end -> consumer.position(end.getKey(), TIMEOUT) >= end.getValue());
            }
        }
        return bySite;
    }

    /**
     * Writes each site's definitions (an empty one becomes a tombstone) and waits until Kafka has
     * stored all of them. Returns the offset of each site's record.
     */
    public Map<String, Long> publish(Map<String, Definitions> bySite) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Map<String, Future<RecordMetadata>> sends = new LinkedHashMap<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            bySite.forEach((site, definitions) -> sends.put(site, producer.send(new ProducerRecord<>(topic,
                    site.getBytes(StandardCharsets.UTF_8),
                    definitions.isEmpty() ? null : definitions.toJson().getBytes(StandardCharsets.UTF_8)))));
            producer.flush();
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (Map.Entry<String, Future<RecordMetadata>> send : sends.entrySet()) {
                offsets.put(send.getKey(), send.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).offset());
            }
            return Collections.unmodifiableMap(offsets);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the definitions: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not store the definitions within "
                    + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The definitions in force, parsed; a record that does not parse is reported, not applied. */
    public static Definitions parseAll(Map<String, Stored> stored, List<String> problems) {
        List<Definitions> parts = new ArrayList<>();
        for (Stored s : stored.values()) {
            try {
                parts.add(parseStored(s.site(), s.json()));
            } catch (DefinitionsException e) {
                problems.add("site " + s.site() + " (offset " + s.offset() + "): " + e.getMessage());
            }
        }
        return Definitions.merge(parts);
    }

    /**
     * Parses one record's value and checks that it defines only its key's site: what the job
     * applies, so a hand-written record cannot sneak definitions into another site.
     */
    public static Definitions parseStored(String site, String json) throws DefinitionsException {
        Definitions definitions = Definitions.parse(json);
        Set<String> sites = definitions.sites();
        if (!sites.isEmpty() && !sites.equals(Set.of(site))) {
            throw new DefinitionsException(List.of("the record of site \"" + site + "\" defines goals or funnels of "
                    + "other sites: " + sites));
        }
        return definitions;
    }

    private Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
