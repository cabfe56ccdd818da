package dev.footfall.gateway.metrics;

import dev.footfall.event.ReasonCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.AbstractLifeCycle;

/**
 * The gateway's metrics in one Micrometer Prometheus registry: its own counters (names as
 * documented in docs/ingest-gateway.md), the JVM's, Jetty's thread pool and connections, and the
 * Kafka producer's. {@link #scrape()} writes the Prometheus text format. Recording on the request
 * path is an increment of a meter looked up once, never a registry lookup.
 *
 * <p>A bean of the server: stopping the server unhooks the GC listener the JVM metrics install.
 */
public final class GatewayMetrics extends AbstractLifeCycle {

    /** Route labels; anything else is counted as "other" so label values stay bounded. */
    public static final List<String> ROUTES = List.of(
            "/v1/track", "/v1/page", "/v1/screen", "/v1/identify", "/v1/group", "/v1/alias", "/v1/batch", "/v1/import",
            "/api/events", "/footfall.js", "/health", "/health/sink", "/metrics", "other");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Per route, a counter per status code, registered on first use (a status rarely seen costs nothing). */
    private final Map<String, AtomicReferenceArray<Counter>> requests = new ConcurrentHashMap<>();
    private final Counter eventsAccepted;
    private final EnumMap<ReasonCode, Counter> eventsRejected = new EnumMap<>(ReasonCode.class);
    private final ConcurrentHashMap<String, Counter> requestsRefused = new ConcurrentHashMap<>();
    private final Counter bytesReceived;
    private final Timer kafkaSend;
    private final Counter kafkaFailures;
    private final Counter kafkaDeadlinesMissed;
    private final Counter inflightRefusals;
    private volatile LongSupplier inflightBytes = () -> 0;
    private volatile long inflightLimit;

    public GatewayMetrics() {
        for (String route : ROUTES) {
            requests.put(route, new AtomicReferenceArray<>(600));
        }
        eventsAccepted = Counter.builder("footfall.gateway.events.accepted")
                .description("Events acknowledged by Kafka and answered as accepted.").register(registry);
        for (ReasonCode reason : ReasonCode.values()) {
            eventsRejected.put(reason, Counter.builder("footfall.gateway.events.rejected")
                    .description("Events refused at the door, by reason code.")
                    .tag("reason", reason.code()).register(registry));
        }
        bytesReceived = Counter.builder("footfall.gateway.received.bytes")
                .description("Request body bytes read.").register(registry);
        kafkaSend = Timer.builder("footfall.gateway.kafka.send")
                .description("Time from handing a request's events to the producer until Kafka acknowledged all of them.")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
                        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                        Duration.ofSeconds(5), Duration.ofSeconds(10))
                .register(registry);
        kafkaFailures = Counter.builder("footfall.gateway.kafka.send.failures")
                .description("Records Kafka failed to store.").register(registry);
        kafkaDeadlinesMissed = Counter.builder("footfall.gateway.kafka.deadline.missed")
                .description("Requests answered 503 because Kafka did not acknowledge within the deadline.")
                .register(registry);
        Gauge.builder("footfall.gateway.inflight.bytes", this, m -> m.inflightBytes.getAsLong())
                .description("Record bytes handed to Kafka and not yet acknowledged.").register(registry);
        Gauge.builder("footfall.gateway.inflight.bytes.limit", this, m -> m.inflightLimit)
                .description("Past this many in-flight bytes requests get 503.").register(registry);
        inflightRefusals = Counter.builder("footfall.gateway.inflight.refusals")
                .description("Requests answered 503 because the in-flight byte bound was reached.").register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Jetty's thread pool (busy, idle, queued) and connections (open, bytes in and out). */
    public void bindServer(Server server) {
        new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry);
    }

    /** The producer's own metrics (record send rate, batch size, request latency...); close to unbind. */
    public AutoCloseable bindProducer(Producer<?, ?> producer) {
        KafkaClientMetrics kafka = new KafkaClientMetrics(producer);
        kafka.bindTo(registry);
        return kafka;
    }

    @Override
    protected void doStop() {
        gc.close();
    }

    public void request(String route, int status) {
        AtomicReferenceArray<Counter> byStatus = requests.get(route);
        if (byStatus == null) {
            route = "other";
            byStatus = requests.get(route);
        }
        int index = status >= 0 && status < 600 ? status : 0;
        Counter counter = byStatus.get(index);
        if (counter == null) {
            // Registering the same name and tags twice returns the same meter, so a race is harmless.
            counter = Counter.builder("footfall.gateway.requests").description("HTTP requests by route and status code.")
                    .tags("route", route, "status", Integer.toString(index)).register(registry);
            byStatus.set(index, counter);
        }
        counter.increment();
    }

    public long requests(String route, int status) {
        Counter counter = requests.get(route).get(status);
        return counter == null ? 0 : (long) counter.count();
    }

    public void eventsAccepted(int count) {
        eventsAccepted.increment(count);
    }

    public long eventsAccepted() {
        return (long) eventsAccepted.count();
    }

    public void eventRejected(ReasonCode reason) {
        eventsRejected.get(reason).increment();
    }

    public long eventsRejected(ReasonCode reason) {
        return (long) eventsRejected.get(reason).count();
    }

    /** A whole request refused before its events were looked at (auth, limits, sink). */
    public void requestRefused(String code) {
        requestsRefused.computeIfAbsent(code, c -> Counter.builder("footfall.gateway.requests.refused")
                .description("Whole requests refused before or instead of storing their events, by reason code.")
                .tag("reason", c).register(registry)).increment();
    }

    public void bytesReceived(long bytes) {
        bytesReceived.increment(bytes);
    }

    public void kafkaSendLatency(long nanos) {
        kafkaSend.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void kafkaFailure() {
        kafkaFailures.increment();
    }

    public void kafkaDeadlineMissed() {
        kafkaDeadlinesMissed.increment();
    }

    public void inflightRefusal() {
        inflightRefusals.increment();
    }

    public void inflightBytes(LongSupplier current, long limit) {
        this.inflightBytes = current;
        this.inflightLimit = limit;
    }

    /** The Prometheus text exposition (format 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }
}
