package dev.footfall.job.fuzz;

import dev.footfall.job.fuzz.RawTopicCorpus.Input;
import dev.footfall.testkit.TopicBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka as bytes, for what the string-based test client cannot write: null and non-UTF-8 values
 * and keys, headers, records close to the broker's size limit. Also reads a topic to its end.
 */
final class RawKafka {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;

    RawKafka(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Writes the inputs in order through one idempotent producer; metadata in the same order. */
    List<RecordMetadata> produce(String topic, List<Input> inputs) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(1_048_000));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
        List<Future<RecordMetadata>> sends = new ArrayList<>(inputs.size());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input input : inputs) {
                sends.add(producer.send(new ProducerRecord<>(topic, input.partition(), null, input.key(), input.value(),
                        input.headers())));
            }
            producer.flush();
            List<RecordMetadata> written = new ArrayList<>(sends.size());
            for (int i = 0; i < sends.size(); i++) {
                try {
                    written.add(sends.get(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                } catch (ExecutionException e) {
                    throw new AssertionError("Kafka refused " + inputs.get(i).describe(), e.getCause());
                }
            }
            return written;
        }
    }

    /** Every record of the topic, from its beginning to the end it has now. */
    List<ConsumerRecord<byte[], byte[]>> readToEnd(String topic) {
        return TopicBytes.readToEnd(bootstrap, topic, TIMEOUT);
    }
}
