package dev.footfall.gateway.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.tracker.browser.TrackerBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The tracker's scenarios against the real thing: the gateway (serving the tracker built by the
 * tracker module at {@code /footfall.js}) in front of the embedded Kafka broker. Accepted events
 * are what reached the gateway's topic; an outage is Kafka stopped, so the 503s come from the
 * gateway for a real reason. The gateway starts with the first page, once the test site's origin
 * is known (sites are fixed for a gateway's lifetime).
 */
final class GatewayTrackerBackend implements TrackerBackend {

    static final String WRITE_KEY = "wk_tracker_test";
    static final String SITE = "tracker-site";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static int topics;

    private final KafkaTestClient kafka;
    private final EmbeddedKafka broker;
    private final Set<String> origins = new LinkedHashSet<>();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private IngestGateway gateway;
    private String topic;
    private Thread reader;
    private volatile boolean closed;
    private boolean outage;

    GatewayTrackerBackend(EmbeddedKafka broker) {
        this.broker = broker;
        this.kafka = new KafkaTestClient(broker);
    }

    private synchronized IngestGateway gateway() {
        if (gateway == null) {
            topic = "gw-tracker-" + (++topics) + "-" + System.nanoTime();
            kafka.createTopic(topic, 3);
            try {
                gateway = IngestGateway.start(GatewayConfig.reference().with(Map.of(
                        "http.host", "127.0.0.1",
                        "http.port", "0",
                        "kafka.bootstrap", kafka.bootstrapServers(),
                        "raw.topic", topic,
                        "salt.dir", Files.createTempDirectory("footfall-salts-").toString(),
                        // Quick outages: the producer gives up after 2 s, before the 3 s deadline, so a
                        // 503 means "not stored", and the tracker retries after a second.
                        "kafka.deadline.ms", "3000",
                        "kafka.request.timeout.ms", "1000",
                        "kafka.delivery.timeout.ms", "2000",
                        "kafka.retry.after.seconds", "1"))
                        .withSites(Sites.of(new Site(SITE, List.of(WRITE_KEY), origins))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reader = new Thread(this::readTopic, "tracker-backend-reader");
            reader.setDaemon(true);
            reader.start();
        }
        return gateway;
    }

    @Override
    public String scriptUrl() {
        return gateway().url() + "/footfall.js";
    }

    @Override
    public String host() {
        return gateway().url();
    }

    @Override
    public String writeKey() {
        return WRITE_KEY;
    }

    @Override
    public String site() {
        return SITE;
    }

    @Override
    public synchronized void allowOrigin(String origin) {
        if (gateway != null) {
            throw new IllegalStateException("allow origins before the first page: the gateway is running");
        }
        origins.add(origin);
    }

    /** What the tracker sent: the record without the gateway's envelope, its own timestamp back in place. */
    @Override
    public List<JsonNode> acceptedEvents() {
        return new ArrayList<>(accepted);
    }

    @Override
    public synchronized void startOutage() {
        gateway();
        broker.stop();
        outage = true;
    }

    @Override
    public synchronized void endOutage() {
        broker.start();
        outage = false;
    }

    @Override
    public int refusals() {
        IngestGateway running = gateway();
        return (int) (running.metrics().requests("/v1/batch", 503) + running.metrics().requests("/v1/batch", 429));
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (outage) {
                endOutage();
            }
        } finally {
            if (reader != null) {
                // No interrupt: the reader sees `closed` after its current 100 ms poll and closes cleanly.
                try {
                    reader.join(Duration.ofSeconds(30).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    private void readTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    accepted.add(asSent(record.value()));
                }
            }
        }
    }

    private static JsonNode asSent(String recordJson) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(recordJson);
            for (String envelope : List.of("receivedAt", "siteId", "clientAddress", "visitorId")) {
                event.remove(envelope);
            }
            // The gateway stores the corrected time in timestamp and the client's in originalTimestamp.
            JsonNode clientTime = event.remove("originalTimestamp");
            if (clientTime != null) {
                event.set("timestamp", clientTime);
            }
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
