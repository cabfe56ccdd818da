package dev.footfall.bench.job;

import dev.footfall.bench.traffic.RawTopicTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Fills the raw topic with synthetic traffic before any job runs, compressed with snappy as the
 * gateway writes it. Event times end a few minutes before now and go back as far as the volume
 * needs at about 150 events per second (a busy site; at least an hour), so sessions, rollup
 * windows and late events all happen in event time while the job drains the topic in minutes.
 */
public final class JobPreloader {

    /** What was written, and how fast. */
    record Preloaded(RawTopicTraffic.Counts counts, long bytes, double seconds, Instant firstEventTime) {
    }

    /** Records and bytes of JSON written. */
    public record Written(long records, long bytes) {
    }

    private static final double EVENTS_PER_SECOND = 150;

    private JobPreloader() {
    }

    static Preloaded preload(String bootstrap, String topic, long records, long seed) {
        double rate = Math.min(EVENTS_PER_SECOND, records / 3600.0);
        Duration span = Duration.ofSeconds((long) Math.ceil(records / rate));
        Instant start = Instant.now().minus(span).minus(Duration.ofMinutes(30));
        RawTopicTraffic traffic = new RawTopicTraffic(seed, start, rate, Math.max(1000, records / 12));
        long began = System.nanoTime();
        Written written = write(bootstrap, topic, traffic, records, Long.MAX_VALUE);
        return new Preloaded(traffic.counts(), written.bytes(), (System.nanoTime() - began) / 1e9, start);
    }

    /**
     * Writes the traffic into the topic as the gateway writes it (snappy, keyed by visitor, in
     * order of receipt): at most {@code maxRecords} records, stopping before the first one received
     * at or after {@code stopMillis}.
     */
    public static Written write(String bootstrap, String topic, RawTopicTraffic traffic, long maxRecords,
            long stopMillis) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "snappy");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(64L << 20));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long records = 0;
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            while (records < maxRecords && failure.get() == null) {
                RawTopicTraffic.Record r = traffic.next();
                if (r.timestampMillis() >= stopMillis) {
                    break;
                }
                bytes += r.value().length;
                records++;
                producer.send(new ProducerRecord<>(topic, null, r.timestampMillis(), r.key(), r.value()),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("writing into " + topic + " failed", failure.get());
        }
        return new Written(records, bytes);
    }
}
