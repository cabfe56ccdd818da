package dev.footfall.job.functions;

import dev.footfall.index.DocumentIds;
import dev.footfall.index.IndexDays;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.RollupInput;
import dev.footfall.job.model.SessionState;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.VisitorSessions;
import dev.footfall.job.sink.Documents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Groups each visitor's events into sessions that end after a gap without events (30 minutes by
 * default), and writes the event documents (each with its session id) and the session documents.
 *
 * <p>Keyed by (site, visitor) straight from the source, so it sees each visitor's events in Kafka
 * partition order, on every run and every replay after a restart. Everything that decides ids and
 * deletions depends only on that order, never on timers, which makes a replay emit the same ids
 * and the same deletions as the run that failed (docs/flink-job.md, "Exactly-once results").
 *
 * <ul>
 *   <li>Every event document carries its session's id and a copy of its visit attributes (source,
 *       referrer, UTM, entry page, device, ...). When those change, the documents that carry the
 *       old ones get a partial update.
 *   <li>An event less than one gap from a session joins it; one that touches two sessions merges
 *       them. The merged-away session's document is deleted, its event documents are repointed,
 *       and its rollup counts are taken back.
 *   <li>A session's id comes from the event that opened it, so a late event that only moves the
 *       start keeps the id; if the start moves to another day, the document moves index (old one
 *       deleted).
 *   <li>Changed sessions are written on a short processing-time cadence (open sessions show within
 *       seconds), and once more when the watermark passes the end plus the gap (closed).
 *   <li>A closed session is kept for the allowed lateness so a late event can still reopen it; then
 *       its state is dropped. When a visitor has no session left, no state or timer remains.
 * </ul>
 *
 * <p>Rollup contributions (events by dimension, session and bounce counts as +1/-1 changes) go to
 * the {@link #ROLLUPS} side output.
 */
public class Sessionizer extends KeyedProcessFunction<String, EnrichedEvent, IndexAction> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<RollupInput> ROLLUPS = new OutputTag<>("rollup-inputs") {
    };

    /** Rollup key for page views without a path or screen name. */
    static final String UNKNOWN_PAGE = "(unknown)";

    private static final long WINDOW_MS = 60_000L;

    private final long gapMs;
    private final long allowedLatenessMs;
    private final long updateIntervalMs;

    private transient ValueState<VisitorSessions> state;

    public Sessionizer(Duration gap, Duration allowedLateness, Duration updateInterval) {
        this.gapMs = positive("session gap", gap);
        this.allowedLatenessMs = notNegative("allowed lateness", allowedLateness);
        this.updateIntervalMs = positive("session update interval", updateInterval);
    }

    @Override
    public void open(Configuration parameters) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("visitor-sessions",
                TypeInformation.of(VisitorSessions.class)));
    }

    @Override
    public void processElement(EnrichedEvent event, Context ctx, Collector<IndexAction> out) throws Exception {
        ValidEvent e = event.event();
        long t = e.eventTime();
        VisitorSessions visitor = state.value();
        if (visitor == null) {
            visitor = new VisitorSessions();
        }
        List<SessionState> sessions = new ArrayList<>(Arrays.asList(visitor.sessions));
        List<SessionState> touching = new ArrayList<>(2);
        for (SessionState s : sessions) {
            if (s.touches(t, gapMs)) {
                touching.add(s);
            }
        }

        SessionState target;
        if (touching.isEmpty()) {
            target = SessionState.open(DocumentIds.sessionId(e.siteId(), e.visitorId(), e.messageId()), event);
            target.indexedStart = target.start;
            sessions.add(target);
        } else {
            target = touching.stream().min(SURVIVOR_FIRST).orElseThrow();
            int ownRefs = target.eventRefsSize;
            int attributesBefore = target.visitAttributesVersion;
            for (SessionState absorbed : touching) {
                if (absorbed != target) {
                    target.merge(absorbed);
                    sessions.remove(absorbed);
                    retire(absorbed, ctx, out);
                }
            }
            target.add(event);
            rewriteStaleEventDocuments(target, ownRefs, target.visitAttributesVersion != attributesBefore, out);
        }
        moveIndexIfStartDayChanged(target, out);
        reconcileCounts(target, ctx);

        out.collect(Documents.event(event, target));
        target.addEventRef(e.messageId(), t);
        emitEventContributions(event, ctx);

        sessions.sort(Comparator.comparingLong(s -> s.start));
        visitor.sessions = sessions.toArray(new SessionState[0]);
        scheduleTimers(visitor, ctx);
        state.update(visitor);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexAction> out) throws Exception {
        VisitorSessions visitor = state.value();
        if (visitor == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            visitor.flushTimer = SessionState.NONE;
            for (SessionState s : visitor.sessions) {
                if (s.dirty) {
                    out.collect(Documents.session(s, now));
                    s.dirty = false;
                }
            }
            state.update(visitor);
            return;
        }

        visitor.eventTimer = SessionState.NONE;
        List<SessionState> kept = new ArrayList<>(visitor.sessions.length);
        for (SessionState s : visitor.sessions) {
            if (!s.closed && s.closeAt(gapMs) <= timestamp) {
                s.closed = true;
                reconcileCounts(s, ctx);
                out.collect(Documents.session(s, now));
                s.dirty = false;
            }
            if (!s.closed || s.forgetAt(gapMs, allowedLatenessMs) > timestamp) {
                kept.add(s);
            }
        }
        if (kept.isEmpty()) {
            if (visitor.flushTimer != SessionState.NONE) {
                ctx.timerService().deleteProcessingTimeTimer(visitor.flushTimer);
            }
            state.clear();
            return;
        }
        visitor.sessions = kept.toArray(new SessionState[0]);
        scheduleTimers(visitor, ctx);
        state.update(visitor);
    }

    /**
     * The session that keeps its id in a merge: the one with more events (fewer event documents to
     * repoint), then the earlier, then the smaller id. Any fixed rule would do; this one is cheap.
     */
    private static final Comparator<SessionState> SURVIVOR_FIRST = Comparator
            .comparingInt((SessionState s) -> -s.events)
            .thenComparingLong(s -> s.start)
            .thenComparing(s -> s.id);

    /**
     * Removes a merged-away session everywhere: its document and its counts. Its event references
     * are the survivor's from here on (merge() appended them behind the survivor's own), so
     * {@link #rewriteStaleEventDocuments} repoints them.
     */
    private void retire(SessionState absorbed, Context ctx, Collector<IndexAction> out)
            throws Exception {
        // Always delete, even if this run never wrote it: the run that failed before a restart
        // may have, and a delete of a missing document is harmless.
        out.collect(Documents.sessionDeletion(absorbed.id, absorbed.indexedStart));
        if (absorbed.countedStart != SessionState.NONE) {
            ctx.output(ROLLUPS, sessionChange(absorbed.siteId, absorbed.countedStart, -1, 0));
        }
        if (absorbed.countedBounceStart != SessionState.NONE) {
            ctx.output(ROLLUPS, sessionChange(absorbed.siteId, absorbed.countedBounceStart, 0, -1));
        }
    }

    /**
     * Sends a partial update to every event document whose session id or visit attributes are no
     * longer the session's: those of merged-away sessions (the references from {@code ownRefs} on)
     * always, and the session's own ones too when its visit attributes changed (a late event moved
     * its start or entry page, or a merge gave it an earlier start). Each update carries the whole
     * current set, so whichever versions a run before a restart wrote, the last one is right.
     */
    private void rewriteStaleEventDocuments(SessionState session, int ownRefs, boolean attributesChanged,
            Collector<IndexAction> out) throws Exception {
        session.forEachEventRef(attributesChanged ? 0 : ownRefs,
                (messageId, eventTime) -> out.collect(Documents.eventSessionChange(messageId, eventTime, session)));
    }

    private static void moveIndexIfStartDayChanged(SessionState s, Collector<IndexAction> out) {
        if (IndexDays.day(s.indexedStart) != IndexDays.day(s.start)) {
            out.collect(Documents.sessionDeletion(s.id, s.indexedStart));
        }
        s.indexedStart = s.start;
    }

    /**
     * Brings the rollup counts in line with the session: counted once as started at its start, and
     * as a bounce once it is closed and is one. A change is taken back where it was counted.
     */
    private static void reconcileCounts(SessionState s, Context ctx) {
        if (s.countedStart != s.start) {
            if (s.countedStart == SessionState.NONE || window(s.countedStart) != window(s.start)) {
                if (s.countedStart != SessionState.NONE) {
                    ctx.output(ROLLUPS, sessionChange(s.siteId, s.countedStart, -1, 0));
                }
                ctx.output(ROLLUPS, sessionChange(s.siteId, s.start, 1, 0));
            }
            s.countedStart = s.start;
        }
        long bounceAt = s.closed && s.isBounce() ? s.start : SessionState.NONE;
        if (s.countedBounceStart != bounceAt) {
            boolean sameWindow = s.countedBounceStart != SessionState.NONE && bounceAt != SessionState.NONE
                    && window(s.countedBounceStart) == window(bounceAt);
            if (!sameWindow) {
                if (s.countedBounceStart != SessionState.NONE) {
                    ctx.output(ROLLUPS, sessionChange(s.siteId, s.countedBounceStart, 0, -1));
                }
                if (bounceAt != SessionState.NONE) {
                    ctx.output(ROLLUPS, sessionChange(s.siteId, bounceAt, 0, 1));
                }
            }
            s.countedBounceStart = bounceAt;
        }
    }

    private static RollupInput sessionChange(String siteId, long start, long sessions, long bounces) {
        return new RollupInput(siteId, RollupInput.SITE, RollupInput.ALL, start, 0, 0, sessions, bounces);
    }

    private static void emitEventContributions(EnrichedEvent event, Context ctx) {
        ValidEvent e = event.event();
        long pageview = e.isPageView() ? 1 : 0;
        ctx.output(ROLLUPS, new RollupInput(e.siteId(), RollupInput.SITE, RollupInput.ALL, e.eventTime(),
                pageview, 1, 0, 0));
        if (e.type() == dev.footfall.event.EventType.TRACK) {
            ctx.output(ROLLUPS, new RollupInput(e.siteId(), RollupInput.EVENT, e.eventName(), e.eventTime(),
                    0, 1, 0, 0));
        }
        if (e.isPageView()) {
            String page = SessionState.pageOf(event);
            ctx.output(ROLLUPS, new RollupInput(e.siteId(), RollupInput.PAGE, page == null ? UNKNOWN_PAGE : page,
                    e.eventTime(), 1, 1, 0, 0));
        }
    }

    /** One event-time timer per visitor, at or before the earliest close or cleanup due; one flush timer. */
    private void scheduleTimers(VisitorSessions visitor, Context ctx) {
        long next = Long.MAX_VALUE;
        boolean dirty = false;
        for (SessionState s : visitor.sessions) {
            next = Math.min(next, s.nextTimer(gapMs, allowedLatenessMs));
            dirty |= s.dirty;
        }
        visitor.eventTimer = VisitorTimers.earliest(ctx.timerService(), visitor.eventTimer, next);
        if (dirty) {
            visitor.flushTimer = VisitorTimers.flush(ctx.timerService(), visitor.flushTimer, updateIntervalMs);
        }
    }

    private static long window(long time) {
        return Math.floorDiv(time, WINDOW_MS);
    }

    static long positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be positive, got " + value);
        }
        return value.toMillis();
    }

    static long notNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("the " + name + " must not be negative, got " + value);
        }
        return value.toMillis();
    }
}
