package dev.footfall.bench;

import static dev.footfall.bench.SmokeRun.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark at a tiny size (real Kafka, OpenSearch, MiniCluster, gateway, wrk) and
 * checks the report's shape: every section there, every figure with a floor and a ratio, the
 * machine described. Timings are never asserted: they depend on the machine and its neighbours.
 */
class BenchSmokeITCase {

    private static Path runDirectory;
    private static JsonNode report;

    @BeforeAll
    static void runTinyBenchmarks() throws Exception {
        SmokeRun run = SmokeRun.of("bench-smoke", Benchmark.defaults(), List.of("--scale", "tiny"));
        runDirectory = run.directory();
        report = run.report();
    }

    @Test
    void shouldRunEveryBenchmarkWithoutProblems() {
        assertThat(report.path("problems")).as("problems").isEmpty();
        assertThat(fieldNames(report.path("sections"))).containsExactly("gateway", "job", "freshness", "memory");
    }

    @Test
    void shouldGiveEveryFigureAFloorAndARatio() {
        for (JsonNode section : report.path("sections")) {
            assertThat(section.path("figures")).as(section.path("title").asText()).isNotEmpty();
            for (JsonNode figure : section.path("figures")) {
                String name = figure.path("name").asText();
                assertThat(figure.path("unit").asText()).as(name + " unit").isNotBlank();
                assertThat(figure.path("value").isNumber()).as(name + " value").isTrue();
                assertThat(figure.path("floors")).as(name + " floors").isNotEmpty();
                for (JsonNode floor : figure.path("floors")) {
                    assertThat(floor.path("name").asText()).as(name + " floor name").isNotBlank();
                    assertThat(floor.path("value").isNumber()).as(name + " floor value").isTrue();
                    assertThat(floor.path("ratio").isNumber()).as(name + " ratio").isTrue();
                }
            }
        }
    }

    @Test
    void shouldCheckEveryTargetOfTheIssue() {
        JsonNode single = figure("gateway", "single events (POST /v1/track): events");
        assertThat(descriptions(single)).anyMatch(d -> d.contains("50%")).anyMatch(d -> d.contains("15,000"));
        assertThat(descriptions(figure("gateway", "50-event batches (POST /v1/batch): events")))
                .anyMatch(d -> d.contains("150,000"));
        assertThat(descriptions(figure("job", "full job, discarding sinks"))).anyMatch(d -> d.contains("50%"));
        assertThat(descriptions(figure("job", "OpenSearch actions written by the full job"))).anyMatch(d -> d.contains("80%"));
        assertThat(descriptions(figure("freshness", "event document searchable: p99"))).anyMatch(d -> d.contains("<= 5"));
        assertThat(descriptions(figure("memory", "single events (POST /v1/track): gateway heap under load (peak after GC)")))
                .anyMatch(d -> d.contains("<= 256"));
    }

    @Test
    void shouldDescribeTheMachine() {
        JsonNode machine = report.path("machine");
        assertThat(machine.path("cores").asInt()).isPositive();
        assertThat(machine.path("memoryMb").asLong()).isPositive();
        assertThat(machine.path("cpuModel").asText()).isNotBlank();
        assertThat(machine.path("javaVersion").asText()).startsWith("17");
    }

    @Test
    void shouldWriteTheSameSectionsAsMarkdown() throws Exception {
        String markdown = Files.readString(runDirectory.resolve("report.md"));
        for (JsonNode section : report.path("sections")) {
            assertThat(markdown).contains("## " + section.path("title").asText());
        }
        assertThat(markdown).contains("| figure | value | floor | floor value | ratio | target |");
    }

    private static JsonNode figure(String section, String name) {
        for (JsonNode figure : report.path("sections").path(section).path("figures")) {
            if (figure.path("name").asText().equals(name)) {
                return figure;
            }
        }
        throw new AssertionError("no figure '" + name + "' in section " + section + "; it has " + names(report));
    }

    private static List<String> descriptions(JsonNode figure) {
        List<String> out = new java.util.ArrayList<>();
        figure.path("targets").forEach(t -> out.add(t.path("description").asText()));
        return out;
    }

    private static List<String> names(JsonNode report) {
        List<String> out = new java.util.ArrayList<>();
        report.path("sections").forEach(s -> s.path("figures").forEach(f -> out.add(f.path("name").asText())));
        return out;
    }
}
