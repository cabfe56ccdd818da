package dev.footfall.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
        // Counters are doubles in the registry, so a count of 2 is written 2.0.
        assertThat(text).contains(
                "footfall_gateway_requests_total{route=\"/v1/batch\",status=\"200\"} 2.0\n",
                "footfall_gateway_requests_total{route=\"other\",status=\"404\"} 1.0\n",
                "footfall_gateway_events_accepted_total 7.0\n",
                "footfall_gateway_events_rejected_total{reason=\"missing_event_name\"} 1.0\n",
                "footfall_gateway_events_rejected_total{reason=\"missing_message_id\"} 0.0\n",
                "footfall_gateway_requests_refused_total{reason=\"rate_limited\"} 1.0\n",
                "# TYPE footfall_gateway_kafka_send_seconds histogram\n",
                // 3 ms falls in the 5 ms bucket and above; 70 ms first in the 100 ms one.
                "footfall_gateway_kafka_send_seconds_bucket{le=\"0.0025\"} 0\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"0.005\"} 1\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"0.05\"} 1\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"0.1\"} 2\n",
                "footfall_gateway_kafka_send_seconds_bucket{le=\"+Inf\"} 2\n",
                "footfall_gateway_kafka_send_seconds_count 2\n",
                "footfall_gateway_inflight_bytes 1234.0\n",
                "footfall_gateway_inflight_bytes_limit 5678.0\n");
        // 3 ms + 70 ms = 0.073 s
        assertThat(sample(text, "footfall_gateway_kafka_send_seconds_sum")).isCloseTo(0.073, within(1e-9));
        assertThat(metrics.requests("/v1/batch", 200)).isEqualTo(2);
        assertThat(metrics.requests("other", 404)).isEqualTo(1);
    }

    private static double sample(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError(series + " is not in the scrape");
    }
}
