package dev.footfall.gateway.metrics;

import dev.footfall.event.ReasonCode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The gateway's counters, written out in the Prometheus text format by {@link #scrape()}.
 * Recording is a LongAdder increment: no locks and no allocation on the request path.
 */
public final class GatewayMetrics {

    /** Route labels; anything else is counted as "other" so label values stay bounded. */
    public static final List<String> ROUTES = List.of(
            "/v1/track", "/v1/page", "/v1/screen", "/v1/identify", "/v1/group", "/v1/alias", "/v1/batch", "/v1/import",
            "/api/events", "/footfall.js", "/health", "/health/sink", "/metrics", "other");

    private final Map<String, AtomicReferenceArray<LongAdder>> requests = new ConcurrentHashMap<>();
    private final LongAdder eventsAccepted = new LongAdder();
    private final EnumMap<ReasonCode, LongAdder> eventsRejected = new EnumMap<>(ReasonCode.class);
    private final ConcurrentHashMap<String, LongAdder> requestsRefused = new ConcurrentHashMap<>();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder kafkaFailures = new LongAdder();
    private final LongAdder kafkaDeadlinesMissed = new LongAdder();
    private final LongAdder inflightRefusals = new LongAdder();
    private final Histogram kafkaSendSeconds =
            new Histogram(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10);
    private volatile LongSupplier inflightBytes = () -> 0;
    private volatile long inflightLimit;

    public GatewayMetrics() {
        for (String route : ROUTES) {
            requests.put(route, new AtomicReferenceArray<>(600));
        }
        for (ReasonCode reason : ReasonCode.values()) {
            eventsRejected.put(reason, new LongAdder());
        }
    }

    public void request(String route, int status) {
        AtomicReferenceArray<LongAdder> byStatus = requests.get(route);
        if (byStatus == null) {
            byStatus = requests.get("other");
        }
        int index = status >= 0 && status < 600 ? status : 0;
        LongAdder adder = byStatus.get(index);
        if (adder == null) {
            byStatus.compareAndSet(index, null, new LongAdder());
            adder = byStatus.get(index);
        }
        adder.increment();
    }

    public long requests(String route, int status) {
        LongAdder adder = requests.get(route).get(status);
        return adder == null ? 0 : adder.sum();
    }

    public void eventsAccepted(int count) {
        eventsAccepted.add(count);
    }

    public long eventsAccepted() {
        return eventsAccepted.sum();
    }

    public void eventRejected(ReasonCode reason) {
        eventsRejected.get(reason).increment();
    }

    public long eventsRejected(ReasonCode reason) {
        return eventsRejected.get(reason).sum();
    }

    /** A whole request refused before its events were looked at (auth, limits, sink). */
    public void requestRefused(String code) {
        requestsRefused.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    public void bytesReceived(long bytes) {
        bytesReceived.add(bytes);
    }

    public void kafkaSendLatency(long nanos) {
        kafkaSendSeconds.record(nanos / 1e9);
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
        StringBuilder out = new StringBuilder(8192);
        header(out, "footfall_gateway_requests_total", "counter", "HTTP requests by route and status code.");
        for (String route : ROUTES) {
            AtomicReferenceArray<LongAdder> byStatus = requests.get(route);
            for (int status = 0; status < byStatus.length(); status++) {
                LongAdder adder = byStatus.get(status);
                if (adder != null) {
                    out.append("footfall_gateway_requests_total{route=\"").append(route)
                            .append("\",status=\"").append(status).append("\"} ").append(adder.sum()).append('\n');
                }
            }
        }
        header(out, "footfall_gateway_events_accepted_total", "counter",
                "Events acknowledged by Kafka and answered as accepted.");
        out.append("footfall_gateway_events_accepted_total ").append(eventsAccepted.sum()).append('\n');
        header(out, "footfall_gateway_events_rejected_total", "counter", "Events refused at the door, by reason code.");
        eventsRejected.forEach((reason, adder) -> out.append("footfall_gateway_events_rejected_total{reason=\"")
                .append(reason.code()).append("\"} ").append(adder.sum()).append('\n'));
        header(out, "footfall_gateway_requests_refused_total", "counter",
                "Whole requests refused before or instead of storing their events, by reason code.");
        new TreeMap<>(requestsRefused).forEach((code, adder) -> out.append("footfall_gateway_requests_refused_total{reason=\"")
                .append(code).append("\"} ").append(adder.sum()).append('\n'));
        header(out, "footfall_gateway_received_bytes_total", "counter", "Request body bytes read.");
        out.append("footfall_gateway_received_bytes_total ").append(bytesReceived.sum()).append('\n');
        header(out, "footfall_gateway_kafka_send_seconds", "histogram",
                "Time from handing a request's events to the producer until Kafka acknowledged all of them.");
        kafkaSendSeconds.write(out, "footfall_gateway_kafka_send_seconds");
        header(out, "footfall_gateway_kafka_send_failures_total", "counter", "Records Kafka failed to store.");
        out.append("footfall_gateway_kafka_send_failures_total ").append(kafkaFailures.sum()).append('\n');
        header(out, "footfall_gateway_kafka_deadline_missed_total", "counter",
                "Requests answered 503 because Kafka did not acknowledge within the deadline.");
        out.append("footfall_gateway_kafka_deadline_missed_total ").append(kafkaDeadlinesMissed.sum()).append('\n');
        header(out, "footfall_gateway_inflight_bytes", "gauge", "Record bytes handed to Kafka and not yet acknowledged.");
        out.append("footfall_gateway_inflight_bytes ").append(inflightBytes.getAsLong()).append('\n');
        header(out, "footfall_gateway_inflight_bytes_limit", "gauge", "Past this many in-flight bytes requests get 503.");
        out.append("footfall_gateway_inflight_bytes_limit ").append(inflightLimit).append('\n');
        header(out, "footfall_gateway_inflight_refusals_total", "counter",
                "Requests answered 503 because the in-flight byte bound was reached.");
        out.append("footfall_gateway_inflight_refusals_total ").append(inflightRefusals.sum()).append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }
}
