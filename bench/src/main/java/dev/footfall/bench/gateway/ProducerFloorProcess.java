package dev.footfall.bench.gateway;

import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import dev.footfall.bench.process.JvmSampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The sink floor: the Kafka producer's own throughput for the very records the gateway wrote
 * (read back from the gateway's topic), with the gateway's producer settings, sent as fast as
 * one thread can into another topic of the same broker. Only {@code max.block.ms} differs: here
 * a full buffer should make send() wait, not fail.
 */
public final class ProducerFloorProcess {

    private ProducerFloorProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.runOnce(argv, ProducerFloorProcess::run);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode run(Args args) throws Exception {
        String bootstrap = args.get("bootstrap");
        List<ConsumerRecord<String, byte[]>> sample = readSample(bootstrap, args.get("from-topic"),
                args.getInt("sample", 100_000));
        if (sample.isEmpty()) {
            throw new IllegalStateException("topic " + args.get("from-topic") + " holds no records to replay");
        }
        String toTopic = args.get("to-topic");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(sample.size());
        long bytes = 0;
        for (ConsumerRecord<String, byte[]> r : sample) {
            records.add(new ProducerRecord<>(toTopic, r.key(), r.value()));
            bytes += r.value().length;
        }
        Properties p = new Properties();
        p.putAll(args.withPrefix("producer."));
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        JvmSampler sampler = new JvmSampler().start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(toTopic);
            send(producer, records, Duration.ofSeconds(args.getLong("warmup-seconds", 2)));
            sampler.reset();
            Sent sent = send(producer, records, Duration.ofSeconds(args.getLong("seconds", 10)));
            return sampler.snapshot("result")
                    .put("acknowledged", sent.acknowledged)
                    .put("failed", sent.failed)
                    .put("seconds", sent.seconds)
                    .put("recordsPerSecond", sent.acknowledged / sent.seconds)
                    .put("sampleRecords", records.size())
                    .put("sampleMeanBytes", (double) bytes / records.size());
        }
    }

    private record Sent(long acknowledged, long failed, double seconds) {
    }

    /** Sends in a loop for {@code duration}, then flushes: the time includes the last acknowledgement. */
    private static Sent send(KafkaProducer<String, byte[]> producer, List<ProducerRecord<String, byte[]>> records,
            Duration duration) {
        LongAdder acknowledged = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int i = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 256; k++) {
                producer.send(records.get(i), (metadata, e) -> {
                    if (e == null) {
                        acknowledged.increment();
                    } else {
                        failed.increment();
                        errors.compareAndSet(0, 1);
                    }
                });
                i = (i + 1) % records.size();
            }
        }
        producer.flush();
        return new Sent(acknowledged.sum(), failed.sum(), (System.nanoTime() - start) / 1e9);
    }

    private static List<ConsumerRecord<String, byte[]>> readSample(String bootstrap, String topic, int limit) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var ends = consumer.endOffsets(partitions);
            long available = ends.values().stream().mapToLong(Long::longValue).sum();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (out.size() < Math.min(limit, available) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (out.size() < limit) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
