package dev.footfall.gateway.sink;

import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.Timers;
import dev.footfall.gateway.metrics.GatewayMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands events to Kafka and tells each request, once, whether all of its records were stored.
 * Nothing here blocks a request thread: the producer queues records and acknowledges them on its
 * own I/O thread, a deadline sweeper answers requests Kafka is too slow for, and a bound on the
 * bytes not yet acknowledged turns overload into 503s instead of heap growth.
 *
 * <p>After a failure or a missed deadline the sink counts as down: requests are refused at once
 * (no point in queueing them for 5 s each), except one probe per second that goes to the
 * producer. The first acknowledgement, of a probe or of anything still queued, brings it back up.
 */
public final class KafkaSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    private static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;
    private static final long SWEEP_INTERVAL_MS = 25;

    private final String topic;
    private final GatewayConfig config;
    private volatile Producer<String, byte[]> producer;
    private volatile Admin admin;
    private volatile AutoCloseable producerMetrics;
    private final GatewayMetrics metrics;
    private final long maxInflightBytes;
    private final long deadlineNanos;
    private final AtomicLong inflightBytes = new AtomicLong();
    /** Deliveries in the order they started; with one fixed deadline that is deadline order too. */
    private final ConcurrentLinkedQueue<Delivery> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicLong lastProbe = new AtomicLong();
    private volatile boolean down;
    private volatile String downReason = "";
    private final ScheduledExecutorService sweeper;
    private volatile boolean closed;

    public KafkaSink(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config;
        this.topic = config.rawTopic();
        this.metrics = metrics;
        this.maxInflightBytes = config.kafkaMaxInflightBytes();
        this.deadlineNanos = config.kafkaDeadline().toNanos();
        metrics.inflightBytes(inflightBytes::get, maxInflightBytes);
        this.sweeper = Timers.daemon("footfall-kafka-deadlines");
    }

    static Properties producerProperties(GatewayConfig config) {
        Properties p = clientProperties(config, "footfall-gateway");
        // Only acknowledged-by-all-replicas counts, and retries must not duplicate or reorder.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.kafkaCompression());
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(config.kafkaLingerMs()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(config.kafkaBatchBytes()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(config.kafkaMaxBlockMs()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(config.kafkaRequestTimeoutMs()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(config.kafkaDeliveryTimeoutMs()));
        // The in-flight bound is kept well below the producer's buffer, so send() never waits for space.
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(Math.max(32L << 20, 2 * config.kafkaMaxInflightBytes())));
        // An idle topic must not fall out of the metadata cache: refetching it would block send().
        p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
        p.putAll(config.producerOverrides());
        return p;
    }

    private static Properties adminProperties(GatewayConfig config) {
        Properties p = clientProperties(config, "footfall-gateway-health");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        return p;
    }

    /** What the producer and the health check's admin client share: the broker, a name, quick reconnects. */
    private static Properties clientProperties(GatewayConfig config, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        return p;
    }

    /**
     * Starts the deadline sweeper and fetches the topic's metadata while nobody waits on it, so
     * the first request does not. Kafka being down is not fatal: the gateway starts, answers
     * 503 and /health/sink says why, and recovers when Kafka comes.
     */
    public synchronized void start(Duration metadataWait) {
        producer = new KafkaProducer<>(producerProperties(config), new StringSerializer(), new ByteArraySerializer());
        producerMetrics = metrics.bindProducer(producer);
        admin = Admin.create(adminProperties(config));
        sweeper.scheduleWithFixedDelay(this::sweepSafely, SWEEP_INTERVAL_MS, SWEEP_INTERVAL_MS, TimeUnit.MILLISECONDS);
        long until = System.nanoTime() + metadataWait.toNanos();
        while (true) {
            try {
                int partitions = producer.partitionsFor(topic).size();
                LOG.info("Kafka topic {} has {} partitions", topic, partitions);
                return;
            } catch (KafkaException e) {
                if (System.nanoTime() - until > 0 || closed) {
                    LOG.warn("Kafka topic {} is not reachable yet ({}); requests get 503 until it is", topic, e.toString());
                    return;
                }
            }
        }
    }

    /**
     * Sends one request's records and answers {@code completion} exactly once.
     *
     * @param bytes the records' size, counted against the in-flight bound
     */
    public void send(List<ProducerRecord<String, byte[]>> records, long bytes, SinkCompletion completion) {
        Producer<String, byte[]> producer = this.producer;
        if (closed || producer == null) {
            completion.unavailable(closed ? "the gateway is shutting down" : "the gateway is starting");
            return;
        }
        long now = System.nanoTime();
        if (down && !takeProbe(now)) {
            metrics.requestRefused("sink_down");
            completion.unavailable("Kafka is unavailable: " + downReason);
            return;
        }
        if (!reserve(bytes)) {
            metrics.inflightRefusal();
            completion.unavailable("too many events are waiting for Kafka; retry later");
            return;
        }
        Delivery delivery = new Delivery(this, records.size(), bytes, now, now + deadlineNanos, completion);
        waiting.add(delivery);
        for (ProducerRecord<String, byte[]> record : records) {
            try {
                producer.send(record, delivery);
            } catch (KafkaException | IllegalStateException e) {
                // send() threw before queueing (metadata unavailable within max.block.ms, or closed)
                delivery.onCompletion(null, e);
            }
        }
    }

    /**
     * Counts a request's bytes in flight if they fit under the bound. Compare-and-set rather than
     * add-then-undo, so the in-flight gauge never shows a refused request's bytes, not even for an
     * instant (a reader would take them for a request Kafka holds).
     */
    private boolean reserve(long bytes) {
        while (true) {
            long current = inflightBytes.get();
            if (current + bytes > maxInflightBytes) {
                return false;
            }
            if (inflightBytes.compareAndSet(current, current + bytes)) {
                return true;
            }
        }
    }

    private boolean takeProbe(long now) {
        long last = lastProbe.get();
        return now - last >= PROBE_INTERVAL_NANOS && lastProbe.compareAndSet(last, now);
    }

    void release(long bytes) {
        inflightBytes.addAndGet(-bytes);
    }

    void recordStored(long nanos) {
        metrics.kafkaSendLatency(nanos);
        if (down) {
            down = false;
            LOG.info("Kafka acknowledges events again");
        }
    }

    void recordFailed(Exception e) {
        metrics.kafkaFailure();
        markDown(e.getClass().getSimpleName());
    }

    void recordDeadlineMissed() {
        metrics.kafkaDeadlineMissed();
        markDown("no acknowledgement within " + Duration.ofNanos(deadlineNanos).toMillis() + " ms");
    }

    private void markDown(String reason) {
        downReason = reason;
        if (!down) {
            down = true;
            lastProbe.set(System.nanoTime());
            LOG.warn("Kafka sink unavailable: {}; answering 503 until it acknowledges again", reason);
        }
    }

    public long inflightBytes() {
        return inflightBytes.get();
    }

    /** Whether the last thing Kafka told the producer was good news. */
    public boolean isUp() {
        return !down;
    }

    /**
     * Asks Kafka, off the request thread, whether the raw topic is there and has a leader for
     * every partition, and answers {@code result} from the admin client's thread.
     */
    public void checkHealth(HealthCallback result) {
        Admin admin = this.admin;
        if (admin == null || closed) {
            result.answer(false, "the Kafka sink is not running");
            return;
        }
        admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(3000))
                .allTopicNames()
                .whenComplete((topics, error) -> {
                    if (error != null) {
                        result.answer(false, "cannot describe topic " + topic + ": " + rootMessage(error));
                        return;
                    }
                    TopicDescription description = topics.get(topic);
                    long leaderless = description.partitions().stream().filter(p -> p.leader() == null).count();
                    if (leaderless > 0) {
                        result.answer(false, leaderless + " partitions of " + topic + " have no leader");
                    } else if (down) {
                        result.answer(false, "the broker answers but the producer is failing: " + downReason);
                    } else {
                        result.answer(true, "topic " + topic + " has " + description.partitions().size() + " partitions");
                    }
                });
    }

    /** Receives a health check's result. */
    public interface HealthCallback {
        void answer(boolean up, String detail);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private void sweepSafely() {
        try {
            sweepDeadlines();
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task and no deadline would ever fire again
            LOG.error("deadline sweep failed", e);
        }
    }

    /**
     * One timer for all requests instead of one scheduled task each: the deadline is the same
     * for every request, so the queue is in deadline order and a sweep only looks at its head.
     */
    private void sweepDeadlines() {
        long now = System.nanoTime();
        Delivery head;
        while ((head = waiting.peek()) != null) {
            if (head.isAnswered()) {
                waiting.poll();
            } else if (now - head.deadlineNanos >= 0) {
                waiting.poll();
                head.expire();
            } else {
                break;
            }
        }
    }

    /**
     * Flushes what the producer holds (its callbacks answer the waiting requests), then stops.
     * Requests still unanswered after that are told the sink is unavailable.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (producerMetrics != null) {
            try {
                producerMetrics.close();
            } catch (Exception e) {
                LOG.warn("unbinding the Kafka producer's metrics: {}", e.toString());
            }
        }
        if (producer != null) {
            try {
                producer.close(Duration.ofMillis(Math.max(1000, deadlineNanos / 1_000_000)));
            } catch (RuntimeException e) {
                LOG.warn("closing the Kafka producer: {}", e.toString());
            }
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        sweeper.shutdownNow();
        Delivery left;
        while ((left = waiting.poll()) != null) {
            left.expire();
        }
    }

    /** For tests: the producer settings the gateway uses. */
    public static Map<String, Object> describeProducer(GatewayConfig config) {
        Map<String, Object> out = new java.util.TreeMap<>();
        producerProperties(config).forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
