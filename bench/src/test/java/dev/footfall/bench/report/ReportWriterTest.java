package dev.footfall.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    @Test
    void shouldRefuseAFigureWithoutAFloor() {
        assertThatThrownBy(() -> Figure.of("lonely", "events/s", 1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lonely").hasMessageContaining("floor");
    }

    @Test
    void shouldPutEveryFigureNextToItsFloorsAsRatios() {
        Report report = new Report(Instant.parse("2026-05-01T10:00:00Z"), "quick", List.of("--quick"),
                Machine.describe());
        Section section = new Section("gateway", "Gateway");
        section.add(Figure.of("single events", "events/s", 12_000)
                .floor("bare Jetty", 40_000).targetRatioAtLeast(0.5).targetAtLeast(15_000)
                .floor("Kafka producer", 120_000).build());
        section.add(Figure.of("p99", "ms", 6).lowerIsBetter().floor("bare Jetty", 2).build());
        report.add(section);
        report.finish(Instant.parse("2026-05-01T10:05:00Z"));

        JsonNode json = ReportWriter.toJson(report);
        JsonNode single = json.path("sections").path("gateway").path("figures").get(0);
        assertThat(single.path("floors").get(0).path("ratio").asDouble()).isEqualTo(0.3);
        assertThat(single.path("floors").get(1).path("ratio").asDouble()).isEqualTo(0.1);
        assertThat(single.path("targets").get(0).path("met").asBoolean()).isFalse();
        assertThat(json.path("durationSeconds").asLong()).isEqualTo(300);

        String md = ReportWriter.markdown(report);
        assertThat(md).contains("| single events | 12,000 events/s | bare Jetty | 40,000 | 0.30 | **missed**: >= 50% of bare Jetty; **missed**: >= 15,000 events/s |");
        assertThat(md).contains("|  |  | Kafka producer | 120,000 | 0.10 |  |");
        assertThat(md).contains("| p99 | 6.00 ms | bare Jetty | 2.00 | 3.00 |  |");
    }
}
