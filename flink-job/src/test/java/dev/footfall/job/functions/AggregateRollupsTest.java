package dev.footfall.job.functions;

import static dev.footfall.job.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.index.DocumentIds;
import dev.footfall.job.Json;
import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.RollupAccumulator;
import dev.footfall.job.model.RollupInput;
import dev.footfall.job.sketch.HyperLogLog;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateRollupsTest extends KeyedFunctionTestBase<RollupInput, IndexAction> {

    private static final Duration LATENESS = Duration.ofHours(1);
    private static final Duration UPDATE = Duration.ofSeconds(1);
    private static final long WINDOW = at(0, 0).toEpochMilli();

    private long now = 5_000;

    @BeforeEach
    void open() throws Exception {
        open(null);
    }

    private void open(OperatorSubtaskState restored) throws Exception {
        open(new AggregateRollups(LATENESS, UPDATE), RollupInput::rowKey, RollupInput::time, now, restored);
    }

    private static RollupInput pageview(Instant time) {
        return new RollupInput("site-1", "site", "*", time.toEpochMilli(), 1, 1, 0, 0);
    }

    private void tick() throws Exception {
        now += UPDATE.toMillis();
        harness.setProcessingTime(now);
    }

    private List<IndexAction> written() {
        return harness.extractOutputValues();
    }

    private Map<String, Object> last() {
        return Json.doc(written().get(written().size() - 1));
    }

    @Test
    void shouldWriteEarlyResultsBeforeTheWindowEnds() throws Exception {
        send(pageview(at(0, 10)));
        send(pageview(at(0, 20)));
        send(pageview(at(0, 30)));
        send(new RollupInput("site-1", "site", "*", at(0, 10).toEpochMilli(), 0, 0, 1, 0));
        assertThat(written()).isEmpty();

        tick();

        assertThat(written()).singleElement().satisfies(a -> {
            assertThat(a.index()).isEqualTo("footfall-rollups-2026.03.02");
            assertThat(a.id()).isEqualTo(DocumentIds.rollupId("site-1", WINDOW, "site", "*"));
        });
        assertThat(last()).containsEntry("@timestamp", "2026-03-02T10:00:00.000Z")
                .containsEntry("window_end", "2026-03-02T10:01:00.000Z").containsEntry("pageviews", 3)
                .containsEntry("events", 3).containsEntry("sessions", 1)
                .containsEntry("bounces", 0).containsEntry("dimension", "site").containsEntry("key", "*");
    }

    @Test
    void shouldRewriteTheSameDocumentWhenLateDataArrivesWithinTheAllowedLateness() throws Exception {
        send(pageview(at(0, 10)));
        harness.processWatermark(at(5, 0).toEpochMilli());
        tick();
        send(pageview(at(0, 50)));
        tick();

        assertThat(written()).hasSize(2);
        assertThat(written()).extracting(IndexAction::id).containsOnly(DocumentIds.rollupId("site-1", WINDOW, "site", "*"));
        assertThat(last()).containsEntry("pageviews", 2);
    }

    @Test
    void shouldWriteNothingWhenNothingChanged() throws Exception {
        send(pageview(at(0, 10)));
        tick();
        tick();
        harness.processWatermark(at(61, 0).toEpochMilli());

        assertThat(written()).hasSize(1);
    }

    @Test
    void shouldDropAndReportEventsLaterThanTheAllowedLateness() throws Exception {
        harness.processWatermark(at(62, 0).toEpochMilli());
        send(pageview(at(0, 10)));
        send(new RollupInput("site-1", "page", "/", at(0, 10).toEpochMilli(), 1, 1, 0, 0));
        tick();

        assertThat(written()).isEmpty();
        List<HealthInput> late = harness.getSideOutput(AggregateRollups.LATE_EVENTS).stream()
                .map(StreamRecord::getValue).collect(Collectors.toList());
        assertThat(late).singleElement().satisfies(h -> {
            assertThat(h.lateEvents()).isEqualTo(1);
            assertThat(h.siteId()).isEqualTo("site-1");
        });
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void shouldClearStateAndTimersOnceTheWindowIsFinal() throws Exception {
        send(pageview(at(0, 10)));
        send(new RollupInput("site-1", "event", "Signed Up", at(1, 10).toEpochMilli(), 0, 1, 0, 0));
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);

        harness.processWatermark(at(1, 0).plus(LATENESS).toEpochMilli());
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        harness.processWatermark(at(2, 0).plus(LATENESS).toEpochMilli());

        assertNothingLeft();
        // Both windows were written once, on the way out, though no update interval had passed.
        assertThat(written()).hasSize(2);
    }

    /**
     * {@code rollups-state-with-visitors.snapshot} is the state of the version whose rows also
     * counted distinct visitors (a HyperLogLog field in {@code RollupAccumulator}), taken by its own
     * harness: the page row "/" of 10:00 with 600 page views (of 600 visitors, enough to fill the
     * sketch's registers), written; the site row of 10:00 with 3 page views (of 2 visitors),
     * written, then a 4th (of a 3rd visitor) not yet written. Both restore (Flink's POJO serializer
     * drops the removed field), the site row still due to be written, and count on.
     */
    @Test
    void shouldRestoreTheRowsOfTheVersionThatCountedVisitors(@TempDir Path tempDir) throws Exception {
        harness.close();
        open(snapshot("rollups-state-with-visitors.snapshot"));

        // Its flush timer came back with it: due at 7 s, the writer's processing time (6 s) + 1 s.
        tick();
        tick();
        assertThat(written()).singleElement().satisfies(row -> assertThat(Json.doc(row))
                .containsEntry("key", "*").containsEntry("pageviews", 4).doesNotContainKey("visitors"));

        send(pageview(at(0, 40)));
        send(new RollupInput("site-1", "page", "/", at(0, 40).toEpochMilli(), 1, 1, 0, 0));
        tick();

        // 4 + 1 on the site row, 600 + 1 on the page row.
        Map<Object, Object> pageviewsByKey = written().stream().skip(1).map(Json::doc)
                .collect(Collectors.toMap(d -> d.get("key"), d -> d.get("pageviews")));
        assertThat(pageviewsByKey).containsExactlyInAnyOrderEntriesOf(Map.of("*", 5, "/", 601));
        // A savepoint taken now refers to the sketch's class no more: after one, it can go.
        Path taken = tempDir.resolve("taken.snapshot");
        OperatorSnapshotUtil.writeStateHandle(harness.snapshot(1, 1), taken.toString());
        assertThat(new String(Files.readAllBytes(taken), StandardCharsets.ISO_8859_1))
                .contains(RollupAccumulator.class.getName()).doesNotContain(HyperLogLog.class.getName());

        harness.processWatermark(at(1, 0).plus(LATENESS).toEpochMilli());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldTakeBackASessionMovedToAnotherWindow() throws Exception {
        send(new RollupInput("site-1", "site", "*", at(1, 0).toEpochMilli(), 0, 0, 1, 0));
        send(new RollupInput("site-1", "site", "*", at(1, 0).toEpochMilli(), 0, 0, -1, 0));
        send(new RollupInput("site-1", "site", "*", at(0, 30).toEpochMilli(), 0, 0, 1, 0));
        tick();

        Map<Object, Object> sessionsByWindow = written().stream().map(Json::doc)
                .collect(Collectors.toMap(d -> d.get("@timestamp"), d -> d.get("sessions")));
        assertThat(sessionsByWindow).containsExactlyInAnyOrderEntriesOf(Map.of(
                "2026-03-02T10:00:00.000Z", 1, "2026-03-02T10:01:00.000Z", 0));
    }
}
