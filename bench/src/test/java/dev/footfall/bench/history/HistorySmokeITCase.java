package dev.footfall.bench.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Benchmark;
import dev.footfall.bench.SmokeRun;
import dev.footfall.bench.process.Directories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the history benchmark twice at a tiny size (the real job loading a two-day history into an
 * OpenSearch node kept on disk, the real console): the first run loads, the second reuses what the
 * first kept. Checks the report's shape (every query's figures with the floor and the target), that
 * the queries answered with the loaded history's numbers, and that the second run loaded nothing.
 * Timings are never asserted.
 */
class HistorySmokeITCase {

    private static final String NAME = "history-smoke";
    private static JsonNode first;
    private static JsonNode second;
    private static Path secondRun;

    @BeforeAll
    static void runTwice() throws Exception {
        Directories.deleteRecursively(SmokeRun.out(NAME));
        first = run();
        second = run();
    }

    private static JsonNode run() throws Exception {
        SmokeRun run = SmokeRun.of(NAME, EnumSet.of(Benchmark.HISTORY),
                List.of("--only", "history", "--scale", "tiny"));
        secondRun = run.directory();
        return run.report();
    }

    @Test
    void shouldTimeEveryQueryAgainstTheCountFloor() {
        for (JsonNode report : List.of(first, second)) {
            assertThat(report.path("problems")).isEmpty();
            JsonNode figures = report.path("sections").path("history").path("figures");
            assertThat(figures).hasSize(HistoryQueries.of(HistoryPlan.forMode("tiny", null, null)).size() * 3);
            List<String> p95 = new ArrayList<>();
            for (JsonNode figure : figures) {
                assertThat(figure.path("floors").path(0).path("name").asText()).startsWith("_count of the same events");
                assertThat(figure.path("floors").path(0).path("ratio").isNumber()).isTrue();
                if (figure.path("name").asText().endsWith(": p95")) {
                    p95.add(figure.path("name").asText());
                    assertThat(figure.path("targets").path(0).path("description").asText()).isEqualTo("<= 500 ms");
                }
            }
            assertThat(p95).containsExactly("aggregate (all KPIs): p95", "timeseries by day: p95",
                    "breakdown by page: p95", "breakdown by source: p95",
                    "breakdown of one custom event by a property: p95");
        }
    }

    @Test
    void shouldAnswerWithTheLoadedHistory() {
        JsonNode section = first.path("sections").path("history");
        // The aggregate counted the history: visitors, page views, and events (page views are
        // events too, and the generator adds custom events, so events > page views).
        JsonNode aggregate = section.path("details").path("answers").path("aggregate").path("results").path(0)
                .path("metrics");
        assertThat(aggregate.path(0).asLong()).as("visitors").isPositive();
        assertThat(aggregate.path(2).asLong()).as("page views").isPositive();
        assertThat(aggregate.path(6).asLong()).as("events").isGreaterThan(aggregate.path(2).asLong());
        // The second run read the same documents: the same answers.
        assertThat(second.path("sections").path("history").path("details").path("answers"))
                .isEqualTo(section.path("details").path("answers"));
    }

    @Test
    void shouldReuseTheHistoryKeptOnDisk() {
        assertThat(first.path("sections").path("history").path("notes").toString()).contains("by this run");
        assertThat(second.path("sections").path("history").path("notes").toString())
                .contains("kept on disk and reused by this run");
        assertThat(secondRun.resolve("logs/history-job.log")).doesNotExist();
    }
}
