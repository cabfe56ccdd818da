package dev.footfall.bench.soak;

import static dev.footfall.bench.SmokeRun.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Benchmark;
import dev.footfall.bench.SmokeRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A 45-second soak of the whole local stack (real Kafka, OpenSearch, MiniCluster and gateway in
 * a child JVM, a steady load through the gateway) and the shape of its report: every series
 * sampled and judged, the per-minute table, the ledger. Timings and growth are never asserted:
 * they depend on the machine and its neighbours; what the gateway acknowledged being searchable
 * does not.
 */
class SoakSmokeITCase {

    private static Path runDirectory;
    private static JsonNode report;
    private static JsonNode soak;

    @BeforeAll
    static void runATinySoak() throws Exception {
        SmokeRun run = SmokeRun.of("soak-smoke", EnumSet.of(Benchmark.SOAK), List.of("--only", "soak"));
        runDirectory = run.directory();
        report = run.report();
        soak = run.section("soak");
    }

    @Test
    void shouldRunTheSoakAloneWithoutProblems() {
        assertThat(report.path("problems")).as("problems").isEmpty();
        assertThat(fieldNames(report.path("sections"))).containsExactly("soak");
    }

    @Test
    void shouldSampleEverySeriesOverTime() {
        JsonNode samples = soak.path("details").path("samples");
        assertThat(samples.size()).as("samples").isGreaterThanOrEqualTo(3);
        for (JsonNode sample : samples) {
            assertThat(sample.path("jobStatus").asText()).isEqualTo("RUNNING");
            // 0 when no collection fell in the interval (nothing measured); never negative.
            assertThat(sample.path("heapAfterGcMinMb").asDouble()).isNotNegative();
            assertThat(sample.path("rssMb").asDouble()).isPositive();
            assertThat(sample.path("lagRecords").isNumber()).isTrue();
            assertThat(sample.path("stateMb").isNumber()).isTrue();
        }
        assertThat(samples).as("a heap after a collection measured in some interval")
                .anyMatch(sample -> sample.path("heapAfterGcMinMb").asDouble() > 0);
        JsonNode last = samples.get(samples.size() - 1);
        assertThat(last.path("checkpointId").asLong()).as("a checkpoint completed").isPositive();
        assertThat(last.path("stateMb").asDouble()).as("state in the latest checkpoint").isPositive();
        assertThat(fieldNames(last.path("stateMbByOperator"))).anyMatch(name -> name.contains("Deduplicate"));
        assertThat(last.path("ackedEvents").asLong()).isPositive();
        List<JsonNode> live = new ArrayList<>();
        samples.forEach(s -> {
            if (s.hasNonNull("liveHeapMb")) {
                live.add(s);
            }
        });
        assertThat(live).as("samples after a full GC").isNotEmpty();
    }

    @Test
    void shouldJudgeEverySeries() {
        JsonNode verdicts = soak.path("details").path("verdicts");
        assertThat(fieldNames(verdicts)).contains("heap after GC (lowest per interval)", "live heap (after a full GC)",
                "GC time", "resident memory (RSS)", "anonymous resident memory (RssAnon)", "Flink state (latest completed checkpoint)",
                "consumer lag on the raw topic", "acknowledged, not yet searchable");
        verdicts.forEach(v -> assertThat(v.asText()).isIn(Growth.BOUNDED, Growth.GROWING));
        for (JsonNode figure : soak.path("figures")) {
            assertThat(figure.path("floors")).as(figure.path("name").asText()).isNotEmpty();
            assertThat(figure.path("targets")).as(figure.path("name").asText()).isNotEmpty();
        }
    }

    @Test
    void shouldFindEveryAcknowledgedEventAfterTheLoad() {
        JsonNode ledger = soak.path("details").path("ledger");
        long acked = ledger.path("acked").asLong();
        assertThat(acked).isPositive();
        // A request that failed as a whole may have been stored all the same: that is the only source of extras.
        long failed = soak.path("details").path("sent").path("failedRequests").asLong();
        assertThat(ledger.path("indexed").asLong()).isBetween(acked, acked + failed * SoakSender.BATCH_SIZE);
    }

    @Test
    void shouldWriteVerdictsAndAPerMinuteTableAsMarkdown() throws Exception {
        String markdown = Files.readString(runDirectory.resolve("report.md"));
        assertThat(markdown).contains("## " + soak.path("title").asText());
        assertThat(markdown).contains("| series | middle third | last third |");
        assertThat(markdown).contains("| min | heap after GC MB | live heap MB |");
        assertThat(markdown).containsPattern("\\n\\| 1 \\| [0-9]");
    }
}
