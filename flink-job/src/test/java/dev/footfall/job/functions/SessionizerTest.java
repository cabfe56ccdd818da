package dev.footfall.job.functions;

import static dev.footfall.job.TestEvents.at;
import static dev.footfall.job.TestEvents.page;
import static dev.footfall.job.TestEvents.track;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.index.DocumentIds;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.Json;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.RollupInput;
import dev.footfall.job.model.SessionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

class SessionizerTest extends KeyedFunctionTestBase<EnrichedEvent, IndexAction> {

    private static final Duration GAP = Duration.ofMinutes(30);
    private static final Duration LATENESS = Duration.ofHours(1);
    private static final Duration UPDATE = Duration.ofSeconds(1);

    private long now = 5_000;

    private void open(Duration lateness) throws Exception {
        open(lateness, null);
    }

    private void open(Duration lateness, OperatorSubtaskState restored) throws Exception {
        open(new Sessionizer(GAP, lateness, UPDATE), EnrichedEvent::visitorKey, e -> e.event().eventTime(), now,
                restored);
    }

    private void watermark(Instant time) throws Exception {
        harness.processWatermark(time.toEpochMilli());
    }

    /** Lets the processing-time update interval pass, so changed sessions are written. */
    private void tick() throws Exception {
        now += UPDATE.toMillis();
        harness.setProcessingTime(now);
    }

    private List<IndexAction> actions() {
        return harness.extractOutputValues();
    }

    private List<IndexAction> actions(IndexAction.Op op, IndexFamily family) {
        return actions().stream().filter(a -> a.op() == op && IndexFamily.ofIndex(a.index()).orElse(null) == family)
                .collect(Collectors.toList());
    }

    private List<Map<String, Object>> sessionDocs() {
        return actions(IndexAction.Op.INDEX, IndexFamily.SESSIONS).stream().map(Json::doc).collect(Collectors.toList());
    }

    private Map<String, Object> lastSessionDoc() {
        List<Map<String, Object>> docs = sessionDocs();
        return docs.get(docs.size() - 1);
    }

    private List<String> eventSessionIds() {
        return actions(IndexAction.Op.INDEX, IndexFamily.EVENTS).stream().map(a -> (String) Json.doc(a).get("session_id"))
                .collect(Collectors.toList());
    }

    private List<RollupInput> sessionCountChanges() {
        return harness.getSideOutput(Sessionizer.ROLLUPS).stream().map(StreamRecord::getValue)
                .filter(r -> r.sessions() != 0 || r.bounces() != 0).collect(Collectors.toList());
    }

    @Test
    void shouldWriteEveryEventWithItsSessionAndShowTheOpenSessionWithinTheUpdateInterval() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(page("v1", "m2", at(2, 0), "/pricing").enriched());

        assertThat(sessionDocs()).isEmpty();
        tick();

        Map<String, Object> session = lastSessionDoc();
        assertThat(session).containsEntry("is_open", true).containsEntry("pageviews", 2).containsEntry("events", 2)
                .containsEntry("entry_page", "/").containsEntry("exit_page", "/pricing")
                .containsEntry("start", "2026-03-02T10:00:00.000Z").containsEntry("end", "2026-03-02T10:02:00.000Z")
                .containsEntry("duration_seconds", 120).containsEntry("is_bounce", false);
        assertThat(eventSessionIds()).containsExactly((String) session.get("session_id"), (String) session.get("session_id"));
        assertThat(session.get("session_id")).isEqualTo(DocumentIds.sessionId("site-1", "v1", "m1"));
    }

    @Test
    void shouldCloseSessionAfterInactivityGap() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(page("v1", "m2", at(10, 0), "/b").enriched());

        watermark(at(39, 59));
        assertThat(sessionDocs()).isEmpty();
        watermark(at(40, 0).minusMillis(1));

        assertThat(lastSessionDoc()).containsEntry("is_open", false).containsEntry("pageviews", 2);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // kept for late events until the lateness passed
    }

    @Test
    void shouldClearStateAndTimersOnceAClosedSessionIsPastTheAllowedLateness() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(page("v2", "m2", at(1, 0), "/").enriched());
        tick();
        assertThat(harness.numKeyedStateEntries()).isPositive();

        watermark(at(31, 0).plus(LATENESS));

        assertNothingLeft();
    }

    @Test
    void shouldClearStateRightAtTheCloseWithoutAllowedLateness() throws Exception {
        open(Duration.ZERO);
        send(page("v1", "m1", at(0, 0), "/").enriched());

        watermark(at(30, 0));

        assertThat(lastSessionDoc()).containsEntry("is_open", false);
        assertNothingLeft();
    }

    @Test
    void shouldStartANewSessionAfterTheGap() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(page("v1", "m2", at(30, 0), "/").enriched());

        assertThat(eventSessionIds()).doesNotHaveDuplicates();
        assertThat(sessionCountChanges()).extracting(RollupInput::sessions).containsExactly(1L, 1L);
    }

    @Test
    void shouldKeepSessionsOfDifferentVisitorsApart() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(page("v2", "m2", at(0, 10), "/").enriched());

        assertThat(eventSessionIds()).doesNotHaveDuplicates();
    }

    @Test
    void shouldKeepTheSessionIdWhenALateEventMovesTheStartEarlier() throws Exception {
        open(LATENESS);
        send(page("v1", "m2", at(10, 0), "/b").source("google", "organic").enriched());
        send(page("v1", "m1", at(0, 0), "/a").source("newsletter", "email").enriched());
        tick();

        assertThat(eventSessionIds()).containsExactly(DocumentIds.sessionId("site-1", "v1", "m2"),
                DocumentIds.sessionId("site-1", "v1", "m2"));
        assertThat(lastSessionDoc()).containsEntry("start", "2026-03-02T10:00:00.000Z")
                .containsEntry("entry_page", "/a").containsEntry("exit_page", "/b")
                .containsEntry("source", "newsletter").containsEntry("medium", "email");
        // Counted at the first start, then moved to the new start's window.
        assertThat(sessionCountChanges()).extracting(RollupInput::time, RollupInput::sessions).containsExactly(
                org.assertj.core.groups.Tuple.tuple(at(10, 0).toEpochMilli(), 1L),
                org.assertj.core.groups.Tuple.tuple(at(10, 0).toEpochMilli(), -1L),
                org.assertj.core.groups.Tuple.tuple(at(0, 0).toEpochMilli(), 1L));
        assertThat(actions(IndexAction.Op.DELETE, IndexFamily.SESSIONS)).isEmpty();
    }

    @Test
    void shouldMergeSessionsALateEventBridgesWithoutLeavingAStaleSession() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/a").enriched());
        send(page("v1", "m2", at(40, 0), "/b").enriched());
        send(track("v1", "m3", at(41, 0), "Signed Up").enriched());
        tick();
        String first = DocumentIds.sessionId("site-1", "v1", "m1");
        String second = DocumentIds.sessionId("site-1", "v1", "m2");
        assertThat(sessionDocs()).extracting(d -> d.get("session_id")).containsExactlyInAnyOrder(first, second);

        send(page("v1", "m4", at(20, 0), "/c").enriched());
        tick();

        // The session with more events survives; the other's document is deleted ...
        assertThat(actions(IndexAction.Op.DELETE, IndexFamily.SESSIONS)).singleElement()
                .satisfies(d -> assertThat(d.id()).isEqualTo(first));
        // ... and its event document repointed to the survivor. The absorbed session was the
        // earlier one, so the survivor's entry page moved to its /a: the survivor's own event
        // documents (m2, m3) get it too.
        assertThat(actions(IndexAction.Op.UPDATE, IndexFamily.EVENTS)).extracting(IndexAction::id)
                .containsExactly("site-1:m2", "site-1:m3", "site-1:m1");
        assertThat(actions(IndexAction.Op.UPDATE, IndexFamily.EVENTS)).allSatisfy(u -> assertThat(Json.doc(u))
                .containsEntry("session_id", second).containsEntry("visit_source", "direct")
                .containsEntry("visit_entry_page", "/a"));
        assertThat(lastSessionDoc()).containsEntry("session_id", second).containsEntry("events", 4)
                .containsEntry("pageviews", 3).containsEntry("start", "2026-03-02T10:00:00.000Z")
                .containsEntry("end", "2026-03-02T10:41:00.000Z").containsEntry("entry_page", "/a")
                .containsEntry("exit_page", "/b");
        assertThat(sessionCountChanges()).extracting(RollupInput::sessions).containsExactly(1L, 1L, -1L, -1L, 1L);
        assertThat(sessionCountChanges().stream().mapToLong(RollupInput::sessions).sum()).isEqualTo(1);
    }

    private List<IndexAction> eventUpdates() {
        return actions(IndexAction.Op.UPDATE, IndexFamily.EVENTS);
    }

    private Map<String, Object> eventDoc(String messageId) {
        return actions(IndexAction.Op.INDEX, IndexFamily.EVENTS).stream()
                .filter(a -> a.id().equals("site-1:" + messageId)).map(Json::doc).findFirst().orElseThrow();
    }

    @Test
    void shouldCopyTheVisitsAttributesOntoEveryEventDocument() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").source("newsletter", "email").referrer("https://mail.example/inbox")
                .utm("hero", "shoes").enriched());
        // A later page of the visit has its own source (internal); its document says the visit's.
        send(page("v1", "m2", at(1, 0), "/pricing").source("internal", "internal")
                .referrer("https://shop.example/").enriched());

        assertThat(eventDoc("m2"))
                .containsEntry("source", "internal").containsEntry("referrer", "https://shop.example/")
                .containsEntry("visit_source", "newsletter").containsEntry("visit_medium", "email")
                .containsEntry("visit_referrer", "https://mail.example/inbox")
                .containsEntry("visit_referrer_host", "mail.example")
                .containsEntry("visit_utm_content", "hero").containsEntry("visit_utm_term", "shoes")
                .containsEntry("visit_entry_page", "/").containsEntry("visit_device_type", "desktop")
                .containsEntry("visit_browser", "Firefox").containsEntry("visit_os", "Linux")
                .doesNotContainKey("visit_campaign").doesNotContainKey("visit_country");
        assertThat(eventUpdates()).isEmpty();
    }

    @Test
    void shouldRewriteTheCopiesWhenALateEventChangesTheVisitsSource() throws Exception {
        open(LATENESS);
        send(page("v1", "m2", at(10, 0), "/b").source("google", "organic").enriched());
        send(track("v1", "m3", at(11, 0), "Signed Up").enriched());
        assertThat(eventDoc("m3")).containsEntry("visit_source", "google").containsEntry("visit_entry_page", "/b");

        send(page("v1", "m1", at(0, 0), "/a").source("newsletter", "email").utm("hero", null).enriched());

        // m1 is indexed with the new attributes; m2 and m3 get them by partial update, with the
        // session id and every copied field, absent ones as null.
        assertThat(eventDoc("m1")).containsEntry("visit_source", "newsletter").containsEntry("visit_entry_page", "/a");
        assertThat(eventUpdates()).extracting(IndexAction::id).containsExactly("site-1:m2", "site-1:m3");
        assertThat(eventUpdates()).allSatisfy(u -> assertThat(Json.doc(u))
                .containsEntry("session_id", DocumentIds.sessionId("site-1", "v1", "m2"))
                .containsEntry("visit_source", "newsletter").containsEntry("visit_medium", "email")
                .containsEntry("visit_utm_content", "hero").containsEntry("visit_utm_term", null)
                .containsEntry("visit_campaign", null).containsEntry("visit_entry_page", "/a")
                .containsEntry("visit_device_type", "desktop").hasSize(13));
        assertThat(eventUpdates()).extracting(IndexAction::index).containsOnly("footfall-events-2026.03.02");
    }

    @Test
    void shouldRewriteTheCopiesWhenAnEarlierPageViewChangesTheEntryPageOnly() throws Exception {
        open(LATENESS);
        send(track("v1", "m1", at(0, 0), "Opened").enriched());
        send(page("v1", "m3", at(2, 0), "/b").enriched());
        // The first page view of the visit gives the track event's document its entry page.
        assertThat(eventUpdates()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("site-1:m1");
            assertThat(Json.doc(u)).containsEntry("visit_entry_page", "/b");
        });

        send(page("v1", "m2", at(1, 0), "/a").enriched());
        assertThat(eventUpdates()).extracting(IndexAction::id).containsExactly("site-1:m1", "site-1:m1", "site-1:m3");
        assertThat(Json.doc(eventUpdates().get(2))).containsEntry("visit_entry_page", "/a");

        // A later page view changes the exit page, which events do not carry: nothing to rewrite.
        send(page("v1", "m4", at(3, 0), "/c").enriched());
        assertThat(eventUpdates()).hasSize(3);
    }

    @Test
    void shouldGiveEveryEventTheSurvivorsAttributesWhenAMergeMovesItsStart() throws Exception {
        open(LATENESS);
        // First session: one event from Hacker News. Second: two events, direct, so it survives.
        send(page("v1", "m1", at(0, 0), "/blog").source("hacker news", "social").enriched());
        send(page("v1", "m2", at(40, 0), "/pricing").enriched());
        send(track("v1", "m3", at(41, 0), "Signed Up").properties("plan=team").enriched());
        tick();

        send(page("v1", "m4", at(20, 0), "/docs").source("internal", "internal").enriched());
        tick();

        String survivor = DocumentIds.sessionId("site-1", "v1", "m2");
        // The survivor's start moved to m1's, so its source did too: its own m2 and m3 are
        // rewritten, and m1 repointed; m4 is indexed with the merged visit's attributes.
        assertThat(eventUpdates()).extracting(IndexAction::id)
                .containsExactlyInAnyOrder("site-1:m1", "site-1:m2", "site-1:m3");
        assertThat(eventUpdates()).allSatisfy(u -> assertThat(Json.doc(u)).containsEntry("session_id", survivor)
                .containsEntry("visit_source", "hacker news").containsEntry("visit_medium", "social")
                .containsEntry("visit_entry_page", "/blog"));
        assertThat(eventDoc("m4")).containsEntry("session_id", survivor).containsEntry("visit_source", "hacker news");
        assertThat(lastSessionDoc()).containsEntry("source", "hacker news").containsEntry("entry_page", "/blog")
                // The survivor's pages, then the absorbed session's, then the bridging event's.
                .containsEntry("pages", List.of("/pricing", "/blog", "/docs"))
                .containsEntry("event_names", List.of("Signed Up")).containsEntry("props_kv", List.of("plan=team"))
                .containsEntry("hostnames", List.of("shop.example")).containsEntry("lists_complete", true);
    }

    @Test
    void shouldListWhatTheVisitsEventsWereUpToTheCap() throws Exception {
        open(LATENESS);
        send(page("v1", "m0", at(0, 0), "/").enriched());
        send(track("v1", "t1", at(0, 10), "Clicked").properties("plan=pro", "seats=3").enriched());
        send(track("v1", "t2", at(0, 20), "Clicked").properties("plan=pro").enriched());
        send(page("v1", "m1", at(0, 30), "/").enriched());
        tick();
        assertThat(lastSessionDoc()).containsEntry("pages", List.of("/")).containsEntry("event_names", List.of("Clicked"))
                .containsEntry("props_kv", List.of("plan=pro", "seats=3")).containsEntry("lists_complete", true);

        // 100 distinct pages fit (/ and /p1 ... /p99); the 101st does not, and the lists say so.
        for (int i = 1; i <= SessionState.MAX_LIST_VALUES; i++) {
            send(page("v1", "p" + i, at(1, i), "/p" + i).enriched());
        }
        tick();
        @SuppressWarnings("unchecked")
        List<String> pages = (List<String>) lastSessionDoc().get("pages");
        assertThat(pages).hasSize(SessionState.MAX_LIST_VALUES).startsWith("/", "/p1").endsWith("/p99")
                .doesNotContain("/p100");
        assertThat(lastSessionDoc()).containsEntry("lists_complete", false).containsEntry("pageviews", 102);
    }

    /**
     * {@code sessionizer-state-before-visit-lists.snapshot} is the state of the version before
     * sessions listed their events and events carried the visit's attributes, taken by its own
     * harness after v1 viewed / (from Google) at 10:00 and clicked at 10:01. Its sessions restore
     * (Flink's POJO serializer fills the new fields with their defaults) and carry on.
     */
    @Test
    void shouldRestoreAnOpenSessionOfTheVersionBeforeVisitListsAndCallItsListsIncomplete() throws Exception {
        open(LATENESS, snapshot("sessionizer-state-before-visit-lists.snapshot"));

        send(page("v1", "m3", at(2, 0), "/pricing").enriched());
        tick();

        // The same session (opened by m1), its counts and attributes kept; the lists only know m3.
        assertThat(lastSessionDoc()).containsEntry("session_id", DocumentIds.sessionId("site-1", "v1", "m1"))
                .containsEntry("events", 3).containsEntry("pageviews", 2).containsEntry("source", "google")
                .containsEntry("entry_page", "/").containsEntry("pages", List.of("/pricing"))
                .containsEntry("lists_complete", false).doesNotContainKey("event_names");
        assertThat(eventDoc("m3")).containsEntry("visit_source", "google").containsEntry("visit_entry_page", "/");
        assertThat(eventUpdates()).isEmpty();

        watermark(at(32, 0).plus(LATENESS));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldMoveTheSessionDocumentWhenItsStartMovesToTheDayBefore() throws Exception {
        open(LATENESS);
        Instant afterMidnight = Instant.parse("2026-03-02T00:05:00Z");
        send(page("v1", "m1", afterMidnight, "/").enriched());
        send(page("v1", "m0", afterMidnight.minus(Duration.ofMinutes(10)), "/").enriched());

        assertThat(actions(IndexAction.Op.DELETE, IndexFamily.SESSIONS)).singleElement()
                .satisfies(d -> assertThat(d.index()).isEqualTo("footfall-sessions-2026.03.02"));
        tick();
        assertThat(actions(IndexAction.Op.INDEX, IndexFamily.SESSIONS)).singleElement()
                .satisfies(d -> assertThat(d.index()).isEqualTo("footfall-sessions-2026.03.01"));
    }

    @Test
    void shouldCountABounceOnlyOnceTheSessionClosed() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(page("v2", "m2", at(0, 0), "/").enriched());
        send(track("v2", "m3", at(1, 0), "Scrolled").interactive(false).enriched());
        send(page("v3", "m4", at(0, 0), "/").enriched());
        send(track("v3", "m5", at(1, 0), "Added to Cart").enriched());
        assertThat(sessionCountChanges()).extracting(RollupInput::bounces).containsOnly(0L);

        watermark(at(45, 0));

        assertThat(sessionDocs().stream().collect(Collectors.toMap(d -> d.get("visitor_id"), d -> d.get("is_bounce"))))
                .containsExactlyInAnyOrderEntriesOf(Map.of("v1", true, "v2", true, "v3", false));
        assertThat(sessionCountChanges().stream().mapToLong(RollupInput::bounces).sum()).isEqualTo(2);
    }

    @Test
    void shouldReopenAClosedSessionForALateEventAndTakeBackItsBounce() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        watermark(at(31, 0));
        assertThat(lastSessionDoc()).containsEntry("is_open", false).containsEntry("is_bounce", true);

        send(page("v1", "m2", at(5, 0), "/b").enriched());
        tick();

        assertThat(lastSessionDoc()).containsEntry("is_open", true).containsEntry("is_bounce", false)
                .containsEntry("session_id", DocumentIds.sessionId("site-1", "v1", "m1"));
        assertThat(sessionCountChanges().stream().mapToLong(RollupInput::bounces).sum()).isZero();
        watermark(at(36, 0));
        assertThat(lastSessionDoc()).containsEntry("is_open", false).containsEntry("pageviews", 2);
    }

    @Test
    void shouldCountBotEventsInTheRollupsAndIndexThem() throws Exception {
        open(LATENESS);
        send(page("crawler", "m1", at(0, 0), "/").bot().enriched());
        send(page("v1", "m2", at(0, 0), "/").enriched());

        List<RollupInput> events = harness.getSideOutput(Sessionizer.ROLLUPS).stream().map(StreamRecord::getValue)
                .filter(RollupInput::isEvent).collect(Collectors.toList());
        assertThat(events).extracting(RollupInput::dimension, RollupInput::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple("site", "*"), org.assertj.core.groups.Tuple.tuple("page", "/"),
                org.assertj.core.groups.Tuple.tuple("site", "*"), org.assertj.core.groups.Tuple.tuple("page", "/"));
        assertThat(actions(IndexAction.Op.INDEX, IndexFamily.EVENTS)).hasSize(2);
    }

    @Test
    void shouldTakeTheUserIdOnceTheVisitorIsIdentified() throws Exception {
        open(LATENESS);
        send(page("v1", "m1", at(0, 0), "/").enriched());
        send(track("v1", "m2", at(1, 0), "Signed In").userId("user-42").enriched());
        tick();

        assertThat(lastSessionDoc()).containsEntry("user_id", "user-42");
    }
}
