package dev.footfall.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.event.ReasonCode;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    /** One sample line of the Prometheus text format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*})? -?[0-9.eE+-]+");

    @Test
    void shouldWriteValidPrometheusTextWithWhatWasRecorded() {
        GatewayMetrics metrics = new GatewayMetrics();
        metrics.request("/v1/batch", 200);
        metrics.request("/v1/batch", 200);
        metrics.request("/somewhere/else", 404);
        metrics.eventsAccepted(7);
        metrics.eventRejected(ReasonCode.MISSING_EVENT_NAME);
        metrics.requestRefused("rate_limited");
        metrics.kafkaSendLatency(3_000_000);
        metrics.kafkaSendLatency(70_000_000);
        metrics.inflightBytes(() -> 1234, 5678);

        String text = metrics.scrape();

        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertThat(line).matches(SAMPLE);
            }
        }
        assertThat(text).contains(
                "footfall_gateway_requests_total{route=\"/v1/batch\",status=\"200\"} 2\n",
                "footfall_gateway_requests_total{route=\"other\",status=\"404\"} 1\n",
                "footfall_gateway_events_accepted_total 7\n",
                "footfall_gateway_events_rejected_total{reason=\"missing_event_name\"} 1\n",
                "footfall_gateway_requests_refused_total{reason=\"rate_limited\"} 1\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"0.005\"} 1\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"0.1\"} 2\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"+Inf\"} 2\n",
                "footfall_gateway_kafka_send_seconds_count 2\n",
                "footfall_gateway_kafka_send_seconds_sum 0.073\n",
                "footfall_gateway_inflight_bytes 1234\n",
                "footfall_gateway_inflight_bytes_limit 5678\n");
    }
}
