package dev.footfall.job.functions;

import static dev.footfall.job.TestEvents.at;
import static dev.footfall.job.TestEvents.page;
import static dev.footfall.job.TestEvents.track;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.Json;
import dev.footfall.job.TestEvents;
import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.IndexAction;
import dev.footfall.index.DocumentIds;
import dev.footfall.index.IndexDays;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.sketch.Hash64;
import dev.footfall.job.source.DefinitionsSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The goals-and-funnels operator on its own, driven by events, definitions and watermarks. What
 * OpenSearch would hold is replayed from the actions it emits ({@link #stored}), since that is
 * what a reader sees: the last write of each id, deletions applied.
 */
class MatchGoalsAndFunnelsTest {

    private static final Duration LATENESS = Duration.ofHours(1);
    private static final Duration UPDATE = Duration.ofSeconds(1);
    private static final String SITE = TestEvents.SITE;

    private static final String SIGNUP_FLOW = """
            {"site": "site-1", "name": "Signup flow", "window": "30m", "order": "%s",
             "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]}""";
    private static final String DEFINITIONS = """
            {"goals": [
               {"site": "site-1", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}},
               {"site": "site-1", "name": "Saw pricing", "page": "/pricing*"}],
             "funnels": [%s]}""".formatted(SIGNUP_FLOW.formatted("ordered"));
    private static final String STRICT = """
            {"funnels": [%s]}""".formatted(SIGNUP_FLOW.formatted("strict"));

    private KeyedBroadcastOperatorTestHarness<String, EnrichedEvent, DefinitionsRecord, IndexAction> harness;
    private long now = 5_000;

    private void open(String definitions) throws Exception {
        open(DefinitionsSource.Initial.fixed(Map.of(SITE, definitions)), null);
    }

    private void open(DefinitionsSource.Initial initial, OperatorSubtaskState restore) throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new MatchGoalsAndFunnels(initial, LATENESS, UPDATE), List.of(MatchGoalsAndFunnels.DEFINITIONS)),
                EnrichedEvent::visitorKey, Types.STRING, 1, 1, 0);
        if (restore != null) {
            harness.initializeState(restore);
        }
        harness.setProcessingTime(now);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** The broadcast harness lacks the keyed harnesses' count: read the heap backend as they do. */
    private int keyedStateEntries() {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getTwoInputOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private void send(TestEvents.Builder event) throws Exception {
        EnrichedEvent e = event.enriched();
        harness.processElement(e, e.event().eventTime());
    }

    private void watermark(Instant time) throws Exception {
        harness.watermark(time.toEpochMilli());
    }

    /** Lets the update interval pass, so changed attempts are written. */
    private void tick() throws Exception {
        now += UPDATE.toMillis();
        harness.setProcessingTime(now);
    }

    /** What OpenSearch holds once changed attempts are written: the last write of each id of a family. */
    private Map<String, Map<String, Object>> stored(IndexFamily family) throws Exception {
        tick();
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (IndexAction a : harness.extractOutputValues()) {
            if (IndexFamily.ofIndex(a.index()).orElse(null) != family) {
                continue;
            }
            if (a.op() == IndexAction.Op.DELETE) {
                byId.remove(a.id());
            } else {
                byId.put(a.id(), Json.doc(a));
            }
        }
        return byId;
    }

    /** Every write of a funnel attempt so far, without letting time pass. */
    private List<IndexAction> attemptWrites() {
        return harness.extractOutputValues().stream()
                .filter(a -> IndexFamily.ofIndex(a.index()).orElse(null) == IndexFamily.FUNNELS).toList();
    }

    private List<Map<String, Object>> attempts() throws Exception {
        return new ArrayList<>(stored(IndexFamily.FUNNELS).values());
    }

    private static String time(int minutes, int seconds) {
        return IndexDays.timestamp(at(minutes, seconds).toEpochMilli());
    }

    @Test
    void shouldRecordAnAttemptThatReachesEveryStepWithTheTimeOfEach() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(1, 0), "/docs"));
        send(page("ann", "a3", at(2, 0), "/pricing"));
        send(track("ann", "a4", at(3, 0), "Signed Up").properties("plan=free"));

        assertThat(attempts()).singleElement().satisfies(doc -> {
            assertThat(doc).containsEntry("@timestamp", time(0, 0)).containsEntry("site_id", SITE)
                    .containsEntry("funnel", "Signup flow").containsEntry("visitor_id", "ann")
                    .containsEntry("order", "ordered").containsEntry("steps", 3).containsEntry("step_reached", 3)
                    .containsEntry("completed", true).containsEntry("reached_at", time(3, 0))
                    .containsEntry("seconds_to_reach", 180).containsEntry("source", "direct")
                    .containsEntry("device_type", "desktop");
            assertThat(doc.get("step_times")).isEqualTo(List.of(time(0, 0), time(2, 0), time(3, 0)));
        });
        // One document per attempt, named by the event that started it.
        assertThat(stored(IndexFamily.FUNNELS)).containsOnlyKeys(DocumentIds.funnelAttemptId(SITE, "Signup flow",
                dev.footfall.definitions.Definitions.parse(DEFINITIONS).funnels().get(0).id(), "ann", Hash64.of("a1")));
    }

    @Test
    void shouldWriteAChangedAttemptOncePerUpdateIntervalAndASettlingOneAtOnce() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(1, 0), "/pricing"));
        assertThat(attemptWrites()).as("nothing written within the interval").isEmpty();

        tick();
        assertThat(attemptWrites()).singleElement()
                .satisfies(a -> assertThat(Json.doc(a)).containsEntry("step_reached", 2));
        tick();
        assertThat(attemptWrites()).as("nothing changed, nothing written again").hasSize(1);

        send(track("ann", "a3", at(2, 0), "Signed Up"));
        watermark(at(200, 0)); // settles before any flush: written as it leaves state
        assertThat(attemptWrites()).hasSize(2).last()
                .satisfies(a -> assertThat(Json.doc(a)).containsEntry("step_reached", 3));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldWriteOneConversionPerEventAndGoalMatchingPropertiesAndWildcards() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a1", at(0, 0), "/pricing/enterprise"));
        send(track("ann", "a2", at(1, 0), "Signed Up").properties("plan=pro", "seats=3"));
        send(track("bob", "b1", at(1, 0), "Signed Up").properties("plan=free"));

        Map<String, Map<String, Object>> goals = stored(IndexFamily.GOALS);
        String pricing = DocumentIds.goalId(SITE, "Saw pricing", "a1");
        String signup = DocumentIds.goalId(SITE, "Signup", "a2");
        assertThat(goals).containsOnlyKeys(pricing, signup);
        assertThat(goals.get(signup)).containsEntry("goal", "Signup")
                .containsEntry("visitor_id", "ann").containsEntry("@timestamp", time(1, 0))
                .containsEntry("event_name", "Signed Up").containsEntry("type", "track")
                .containsEntry("properties_kv", List.of("plan=pro", "seats=3"));
        assertThat(goals.get(pricing)).containsEntry("page", "/pricing/enterprise")
                .containsEntry("type", "page").doesNotContainKey("event_name");
    }

    @Test
    void shouldNeverCountABot() throws Exception {
        open(DEFINITIONS);
        send(page("crawler", "c1", at(0, 0), "/").bot());
        send(page("crawler", "c2", at(0, 10), "/pricing").bot());
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void shouldLetALateEventCompleteAnAttemptAsIfItHadComeInOrder() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a1", at(0, 0), "/"));
        send(track("ann", "a3", at(5, 0), "Signed Up"));
        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc).containsEntry("step_reached", 1));

        watermark(at(20, 0));
        send(page("ann", "a2", at(2, 0), "/pricing")); // late, within the allowed lateness

        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc).containsEntry("step_reached", 3)
                .containsEntry("completed", true));
    }

    @Test
    void shouldMoveAnAttemptToAnEarlierStartAndDeleteTheOldDocument() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a2", at(5, 0), "/"));
        send(page("ann", "a3", at(6, 0), "/pricing"));
        String later = stored(IndexFamily.FUNNELS).keySet().iterator().next();

        send(page("ann", "a1", at(0, 0), "/")); // arrives last, happened first: it starts the attempt

        Map<String, Map<String, Object>> attempts = stored(IndexFamily.FUNNELS);
        assertThat(attempts).doesNotContainKey(later).hasSize(1);
        assertThat(attempts.values().iterator().next()).containsEntry("@timestamp", time(0, 0))
                .containsEntry("step_reached", 2);
        assertThat(harness.extractOutputValues()).filteredOn(a -> a.op() == IndexAction.Op.DELETE)
                .extracting(IndexAction::id).containsExactly(later);
    }

    @Test
    void shouldStopAnAttemptAtTheEndOfItsWindow() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(45, 0), "/pricing")); // 45 minutes: beyond the 30-minute window
        send(track("ann", "a3", at(46, 0), "Signed Up"));

        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc).containsEntry("step_reached", 1)
                .containsEntry("completed", false));
    }

    @Test
    void shouldPassOverOtherEventsInOrderedButStopAtThemInStrict() throws Exception {
        open(STRICT);
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(1, 0), "/pricing"));
        send(track("ann", "a3", at(3, 0), "Signed Up"));
        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc).containsEntry("step_reached", 3)
                .containsEntry("order", "strict"));

        // A page view between step 2 and step 3, arriving late: the strict attempt stops at step 2.
        send(page("ann", "a4", at(2, 0), "/docs"));
        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc).containsEntry("step_reached", 2)
                .containsEntry("completed", false));
    }

    @Test
    void shouldStartTheNextStrictAttemptAtAStepOneThatBreaksTheCurrentOne() throws Exception {
        open(STRICT);
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(1, 0), "/"));
        send(page("ann", "a3", at(2, 0), "/pricing"));

        assertThat(attempts()).extracting(d -> d.get("@timestamp") + " " + d.get("step_reached"))
                .containsExactlyInAnyOrder(time(0, 0) + " 1", time(1, 0) + " 2");
    }

    @Test
    void shouldLeaveFunnelsButNotGoalsToEventsLaterThanTheAllowedLateness() throws Exception {
        open(DEFINITIONS);
        watermark(at(120, 0));
        send(page("ann", "a1", at(0, 0), "/pricing")); // 2 h late: the lateness is 1 h

        assertThat(stored(IndexFamily.GOALS)).hasSize(1);
        assertThat(attempts()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void shouldForgetEverythingOnceTheWindowAndTheLatenessHavePassed() throws Exception {
        open(STRICT.replace("\"funnels\": [", "\"funnels\": [" + SIGNUP_FLOW.formatted("ordered")
                .replace("Signup flow", "Ordered flow") + ", "));
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(1, 0), "/pricing"));
        send(page("ann", "a3", at(2, 0), "/blog"));
        send(page("bob", "b1", at(3, 0), "/"));
        assertThat(keyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        tick();
        List<IndexAction> before = harness.extractOutputValues();

        // Window 30 min + lateness 1 h after the last attempt's start (10:03): nothing can change it.
        watermark(at(93, 1));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.extractOutputValues()).as("forgetting writes nothing").isEqualTo(before);
    }

    @Test
    void shouldKeepTheStateOfAnOpenAttemptUntilItSettles() throws Exception {
        open(DEFINITIONS);
        send(page("ann", "a1", at(0, 0), "/"));
        watermark(at(89, 0)); // 10:00 + 30 min window + 1 h lateness is 11:30: not yet
        assertThat(keyedStateEntries()).isPositive();

        send(page("ann", "a2", at(29, 0), "/pricing")); // 1 h late, still within the window: it counts
        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc).containsEntry("step_reached", 2));

        watermark(at(90, 1));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldApplyNewDefinitionsLiveAndDropTheStateOfAnEditedFunnel() throws Exception {
        open(DefinitionsSource.Initial.fixed(Map.of()), null);
        send(page("ann", "a1", at(0, 0), "/"));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processBroadcastElement(new DefinitionsRecord(SITE, 7, DEFINITIONS), 0);
        send(page("ann", "a2", at(1, 0), "/"));
        send(page("ann", "a3", at(2, 0), "/pricing"));
        assertThat(attempts()).singleElement().satisfies(doc -> assertThat(doc)
                .containsEntry("@timestamp", time(1, 0)).containsEntry("step_reached", 2));

        // The funnel gets a longer window: a new funnel id, starting afresh; the old attempt stays.
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 8, DEFINITIONS.replace("30m", "40m")), 0);
        send(page("ann", "a4", at(3, 0), "/"));
        assertThat(attempts()).extracting(d -> d.get("funnel_id") + " " + d.get("@timestamp") + " "
                + d.get("step_reached")).hasSize(2).anySatisfy(s -> assertThat(s).endsWith(time(3, 0) + " 1"));

        // An older record, read again from the topic, changes nothing; a removal removes everything.
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 7, DEFINITIONS), 0);
        int written = harness.extractOutputValues().size();
        send(page("ann", "a5", at(4, 0), "/pricing"));
        assertThat(harness.extractOutputValues().size()).isGreaterThan(written);
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 9, null), 0);
        written = harness.extractOutputValues().size();
        send(page("ann", "a6", at(5, 0), "/pricing"));
        assertThat(harness.extractOutputValues()).hasSize(written);

        watermark(at(200, 0));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepPreviousDefinitionsWhenARecordDoesNotParse() throws Exception {
        open(DefinitionsSource.Initial.fixed(Map.of()), null);
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 1, DEFINITIONS), 0);
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 2, "{\"funnels\": [{\"name\": 1}]}"), 0);
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 3, DEFINITIONS.replace("site-1", "other")), 0);
        send(page("ann", "a1", at(0, 0), "/pricing"));
        assertThat(stored(IndexFamily.GOALS)).hasSize(1);
    }

    @Test
    void shouldContinueFromASnapshotWithTheSameDefinitionsAndAttempts() throws Exception {
        open(DefinitionsSource.Initial.fixed(Map.of()), null);
        harness.processBroadcastElement(new DefinitionsRecord(SITE, 1, DEFINITIONS), 0);
        send(page("ann", "a1", at(0, 0), "/"));
        send(page("ann", "a2", at(1, 0), "/pricing"));
        tick();
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        List<IndexAction> before = new ArrayList<>(harness.extractOutputValues());
        harness.close();

        // Restored with no definitions to start from: the broadcast state has them.
        open(DefinitionsSource.Initial.fixed(Map.of()), snapshot);
        send(track("ann", "a3", at(2, 0), "Signed Up"));
        tick();

        List<IndexAction> all = new ArrayList<>(before);
        all.addAll(harness.extractOutputValues());
        Map<String, Object> last = Json.doc(all.get(all.size() - 1));
        assertThat(last).containsEntry("step_reached", 3).containsEntry("@timestamp", time(0, 0));
    }
}
