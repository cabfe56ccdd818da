package dev.footfall.job.functions;

import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsException;
import dev.footfall.definitions.DefinitionsIndex;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.definitions.Funnel;
import dev.footfall.definitions.FunnelOrder;
import dev.footfall.definitions.Goal;
import dev.footfall.event.EventType;
import dev.footfall.index.DocumentIds;
import dev.footfall.job.funnel.Attempt;
import dev.footfall.job.funnel.AttemptScan;
import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.FunnelTimeline;
import dev.footfall.job.model.FunnelVisitor;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.SessionState;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.VisitAttributes;
import dev.footfall.job.sink.Documents;
import dev.footfall.job.sketch.Hash64;
import dev.footfall.job.source.DefinitionsSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Goal conversions and funnel attempts, per (site, visitor), against the definitions in force.
 * docs/funnels.md defines what counts; this is its implementation.
 *
 * <ul>
 *   <li>The definitions arrive on the broadcast input (the compacted definitions topic) and live
 *       in broadcast state, so a change applies while the job runs and survives restarts and
 *       savepoints. An operator that starts with none in its state reads the topic once before
 *       its first event ({@link DefinitionsSource.Initial}).
 *   <li>Goals hold no state: each matching event is written as a conversion document, whatever
 *       its lateness (its id makes a replay overwrite it).
 *   <li>Funnels: per funnel, the visitor's matching events still able to change an attempt
 *       ({@link FunnelTimeline}); every change recomputes the attempts in event order
 *       ({@link AttemptScan}) and deletes those that no longer exist at once, so a late event within
 *       the allowed lateness gives what it would have given on time. Changed attempts are written
 *       once per update interval (a processing-time timer per visitor), as sessions are: when
 *       the job catches up, a visitor's events come together and their attempt is written once.
 *       Events older than the watermark less the allowed lateness are left out of funnels
 *       ({@code funnelLateEvents}).
 *   <li>One event-time timer per visitor forgets what has settled (writing it first); when
 *       nothing is left, the visitor's state and timers are gone. A funnel that was removed or edited loses its state at
 *       the next timer; its documents stay.
 * </ul>
 *
 * <p>Bots never count, and only page views and custom events can match.
 */
public class MatchGoalsAndFunnels extends KeyedBroadcastProcessFunction<String, EnrichedEvent, DefinitionsRecord,
        IndexAction> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MatchGoalsAndFunnels.class);

    /** Each site's definitions in force, as the topic last gave them (a removal keeps its record). */
    public static final MapStateDescriptor<String, DefinitionsRecord> DEFINITIONS = new MapStateDescriptor<>(
            "site-definitions", Types.STRING, TypeInformation.of(DefinitionsRecord.class));

    private final DefinitionsSource.Initial initial;
    private final long allowedLatenessMs;
    private final long updateIntervalMs;

    private transient MapState<String, FunnelTimeline> timelines;
    private transient ValueState<FunnelVisitor> visitorState;
    private transient Map<String, DefinitionsRecord> startup;
    private transient Map<String, Compiled> compiled;
    private transient Counter lateEvents;
    private transient Counter definitionsRejected;

    /**
     * @param updateInterval how often changed attempts are written: when the job catches up, a
     *     visitor's events arrive together and their attempt is written once, not once per event
     */
    public MatchGoalsAndFunnels(DefinitionsSource.Initial initial, Duration allowedLateness, Duration updateInterval) {
        this.initial = initial;
        this.allowedLatenessMs = Sessionizer.notNegative("allowed lateness", allowedLateness);
        this.updateIntervalMs = Sessionizer.positive("attempt update interval", updateInterval);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        BroadcastState<String, DefinitionsRecord> inForce = context.getOperatorStateStore().getBroadcastState(DEFINITIONS);
        startup = new HashMap<>();
        if (!inForce.iterator().hasNext()) {
            startup.putAll(initial.load());
            LOG.info("Definitions in force at start: {} site(s)", startup.size());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Broadcast and keyed state are snapshotted by Flink; nothing else is kept.
    }

    @Override
    public void open(Configuration parameters) {
        timelines = getRuntimeContext().getMapState(new MapStateDescriptor<>("funnel-timelines", Types.STRING,
                TypeInformation.of(FunnelTimeline.class)));
        visitorState = getRuntimeContext().getState(new ValueStateDescriptor<>("funnel-visitor",
                TypeInformation.of(FunnelVisitor.class)));
        compiled = new HashMap<>();
        lateEvents = getRuntimeContext().getMetricGroup().counter("funnelLateEvents");
        definitionsRejected = getRuntimeContext().getMetricGroup().counter("definitionsRejected");
    }

    @Override
    public void processBroadcastElement(DefinitionsRecord update, Context ctx, Collector<IndexAction> out)
            throws Exception {
        BroadcastState<String, DefinitionsRecord> inForce = ctx.getBroadcastState(DEFINITIONS);
        DefinitionsRecord current = inForce.contains(update.siteId()) ? inForce.get(update.siteId())
                : startup.get(update.siteId());
        if (current != null && update.offset() <= current.offset()) {
            // Read again from the topic's start after the snapshot taken at start: keep the newer.
            if (!inForce.contains(update.siteId())) {
                inForce.put(update.siteId(), current);
            }
            return;
        }
        if (update.json() != null) {
            try {
                DefinitionsTopic.parseStored(update.siteId(), update.json());
            } catch (DefinitionsException e) {
                definitionsRejected.inc();
                LOG.error("Definitions of site {} at offset {} rejected, the previous ones stay in force: {}",
                        update.siteId(), update.offset(), e.getMessage());
                return;
            }
        }
        inForce.put(update.siteId(), update);
        LOG.info("Definitions of site {} at offset {} in force", update.siteId(), update.offset());
    }

    @Override
    public void processElement(EnrichedEvent event, ReadOnlyContext ctx, Collector<IndexAction> out)
            throws Exception {
        ValidEvent e = event.event();
        boolean pageView = e.isPageView();
        boolean custom = e.type() == EventType.TRACK;
        if (event.enrichment().bot() || !(pageView || custom)) {
            return;
        }
        Compiled site = compiled(ctx.getBroadcastState(DEFINITIONS), e.siteId());
        if (site == null) {
            return;
        }
        String page = pageView ? SessionState.pageOf(event) : null;
        DefinitionsIndex.Matches matches = site.index.match(pageView, page, custom, e.eventName(), e.propertiesKv(),
                site.matches);
        for (int i = 0; i < matches.goalCount(); i++) {
            int g = matches.goal(i);
            Goal goal = site.index.goals().get(g);
            out.collect(Documents.goal(event, goal.name(), site.goalIds[g], site.goalIdPrefixes[g], page));
        }
        int[] strict = site.index.strictFunnels();
        if (matches.funnelCount() == 0 && strict.length == 0) {
            return;
        }
        long horizon = horizon(ctx.currentWatermark());
        if (e.eventTime() < horizon) {
            lateEvents.inc();
            return;
        }

        long id = Hash64.of(e.messageId());
        FunnelVisitor visitor = visitorState.value();
        if (visitor == null) {
            visitor = new FunnelVisitor();
            visitor.siteId = e.siteId();
            visitor.visitorId = e.visitorId();
        }
        if (strict.length > 0) {
            visitor.addActivity(e.eventTime(), id);
        }
        long next = Long.MAX_VALUE;
        boolean dirty = false;
        for (int i = 0; i < matches.funnelCount(); i++) {
            int f = matches.funnel(i);
            int mask = matches.stepMask(f);
            Funnel funnel = site.index.funnels().get(f);
            FunnelTimeline timeline = timelines.get(site.stateKeys[f]);
            if (timeline == null) {
                timeline = new FunnelTimeline();
            }
            timeline.insert(e.eventTime(), id, mask, (mask & 1) != 0 ? VisitAttributes.of(event.enrichment()) : null);
            next = Math.min(next, update(site, f, funnel, timeline, visitor, horizon, false, out));
            dirty |= timeline.dirty;
        }
        for (int f : strict) {
            if (matches.stepMask(f) == 0) {
                // The event matches no step of this strict funnel, but it may come between two.
                FunnelTimeline timeline = timelines.get(site.stateKeys[f]);
                if (timeline != null) {
                    next = Math.min(next, update(site, f, site.index.funnels().get(f), timeline, visitor, horizon,
                            false, out));
                    dirty |= timeline.dirty;
                }
            }
        }
        if (strict.length > 0) {
            next = Math.min(next, pruneActivity(visitor, site, horizon));
        }
        if (next != Long.MAX_VALUE) {
            visitor.eventTimer = VisitorTimers.earliest(ctx.timerService(), visitor.eventTimer, next);
        }
        if (dirty) {
            visitor.flushTimer = VisitorTimers.flush(ctx.timerService(), visitor.flushTimer, updateIntervalMs);
        }
        visitorState.update(visitor);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexAction> out) throws Exception {
        FunnelVisitor visitor = visitorState.value();
        if (visitor == null) {
            return;
        }
        Compiled site = compiled(ctx.getBroadcastState(DEFINITIONS), visitor.siteId);
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            visitor.flushTimer = FunnelVisitor.NONE;
            if (site != null) {
                long horizon = horizon(ctx.currentWatermark());
                for (int f = 0; f < site.stateKeys.length; f++) {
                    FunnelTimeline timeline = timelines.get(site.stateKeys[f]);
                    if (timeline != null && timeline.dirty) {
                        update(site, f, site.index.funnels().get(f), timeline, visitor, horizon, true, out);
                    }
                }
            }
            visitorState.update(visitor);
            return;
        }
        visitor.eventTimer = FunnelVisitor.NONE;
        long horizon = horizon(ctx.currentWatermark());
        long next = Long.MAX_VALUE;
        List<String> keys = new ArrayList<>();
        for (String key : timelines.keys()) {
            keys.add(key);
        }
        for (String key : keys) {
            Integer f = site == null ? null : site.funnelByStateKey.get(key);
            if (f == null) {
                timelines.remove(key); // the funnel was removed or edited: its documents stay as they are
                continue;
            }
            next = Math.min(next, update(site, f, site.index.funnels().get(f), timelines.get(key), visitor, horizon,
                    true, out));
        }
        if (site != null && site.index.strictFunnels().length > 0) {
            next = Math.min(next, pruneActivity(visitor, site, horizon));
        } else {
            visitor.dropActivityBefore(Long.MAX_VALUE, Long.MAX_VALUE);
        }
        if (timelines.isEmpty() && visitor.activityTimes.length == 0) {
            if (visitor.flushTimer != FunnelVisitor.NONE) {
                ctx.timerService().deleteProcessingTimeTimer(visitor.flushTimer);
            }
            visitorState.clear();
            return;
        }
        if (next != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(next);
            visitor.eventTimer = next;
        }
        visitorState.update(visitor);
    }

    /**
     * Recomputes one funnel's attempts, deletes the documents of attempts that no longer exist,
     * writes the changed ones when {@code flush} says so (else marks the timeline dirty for the
     * next flush), forgets what settled (writing it first), and returns when the funnel next needs
     * a look (Long.MAX_VALUE: never; its state is then gone).
     */
    private long update(Compiled site, int f, Funnel funnel, FunnelTimeline timeline, FunnelVisitor visitor,
            long horizon, boolean flush, Collector<IndexAction> out) throws Exception {
        boolean strict = funnel.order() == FunnelOrder.STRICT;
        List<Attempt> attempts = AttemptScan.scan(timeline, visitor, funnel.steps().size(), funnel.window().toMillis(),
                strict);
        String funnelId = site.funnelIds[f];

        // Known before and gone now: a late event made another attempt of these events. Deleted at
        // once, written or not: the run that a restart replays may have written it.
        for (int k = 0; k < timeline.attemptIds.length; k++) {
            if (find(attempts, timeline.attemptIds[k]) == null) {
                out.collect(Documents.funnelAttemptDeletion(visitor.siteId, visitor.visitorId, funnel, funnelId,
                        timeline.attemptIds[k], timeline.attemptStarts[k]));
            }
        }
        int settled = AttemptScan.settledPrefix(timeline, attempts, horizon);
        int live = 0;
        for (Attempt a : attempts) {
            if (a.startEntry() >= settled) {
                live++;
            }
        }
        long[] ids = new long[live];
        long[] starts = new long[live];
        long[] written = new long[live];
        boolean dirty = false;
        int n = 0;
        for (Attempt a : attempts) {
            long signature = a.signature();
            int k = indexOf(timeline.attemptIds, a.startId());
            long last = k < 0 ? FunnelTimeline.NOT_WRITTEN : timeline.writtenSignatures[k];
            // A settling attempt leaves state: its last version is written now.
            if (last != signature && (flush || a.startEntry() < settled)) {
                out.collect(Documents.funnelAttempt(visitor.siteId, visitor.visitorId, funnel, funnelId, a,
                        timeline.attributes[a.startEntry()]));
                last = signature;
            }
            if (a.startEntry() >= settled) {
                ids[n] = a.startId();
                starts[n] = a.startTime();
                written[n] = last;
                dirty |= last != signature;
                n++;
            }
        }
        timeline.attemptIds = ids;
        timeline.attemptStarts = starts;
        timeline.writtenSignatures = written;
        timeline.dirty = dirty;

        long next = Long.MAX_VALUE;
        timeline.dropFirst(settled);
        if (timeline.size() > 0) {
            Attempt first = attempts.stream().filter(a -> a.startEntry() == settled).findFirst().orElse(null);
            long settles = first != null ? first.settledAfter() : timeline.times[0];
            next = settles + allowedLatenessMs + 1;
        }
        if (timeline.size() == 0) {
            timelines.remove(site.stateKeys[f]);
        } else {
            timelines.put(site.stateKeys[f], timeline);
        }
        return next;
    }

    /**
     * Forgets the activity no strict funnel needs: before every strict funnel's first kept event,
     * and before the horizon. Returns when the first remaining activity at or after the horizon
     * settles (the earlier ones wait for their funnel's own timer).
     */
    private long pruneActivity(FunnelVisitor visitor, Compiled site, long horizon) throws Exception {
        long keepTime = Long.MAX_VALUE;
        long keepId = Long.MAX_VALUE;
        for (int f : site.index.strictFunnels()) {
            FunnelTimeline timeline = timelines.get(site.stateKeys[f]);
            if (timeline != null && timeline.size() > 0
                    && FunnelTimeline.compare(timeline.times[0], timeline.ids[0], keepTime, keepId) < 0) {
                keepTime = timeline.times[0];
                keepId = timeline.ids[0];
            }
        }
        for (int i = 0; i < visitor.activityTimes.length; i++) {
            if (visitor.activityTimes[i] >= horizon) {
                if (FunnelTimeline.compare(visitor.activityTimes[i], visitor.activityIds[i], keepTime, keepId) < 0) {
                    keepTime = visitor.activityTimes[i];
                    keepId = visitor.activityIds[i];
                }
                break;
            }
        }
        visitor.dropActivityBefore(keepTime, keepId);
        for (long t : visitor.activityTimes) {
            if (t >= horizon) {
                return t + allowedLatenessMs + 1;
            }
        }
        return Long.MAX_VALUE;
    }

    private long horizon(long watermark) {
        return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - allowedLatenessMs;
    }

    private static Attempt find(List<Attempt> attempts, long startId) {
        for (Attempt a : attempts) {
            if (a.startId() == startId) {
                return a;
            }
        }
        return null;
    }

    private static int indexOf(long[] values, long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** The site's definitions in force, indexed; rebuilt when they change. Null: none. */
    private Compiled compiled(ReadOnlyBroadcastState<String, DefinitionsRecord> inForce, String siteId)
            throws Exception {
        DefinitionsRecord record = inForce.get(siteId);
        if (record == null) {
            record = startup.get(siteId);
        }
        if (record == null || record.json() == null) {
            return null;
        }
        Compiled cached = compiled.get(siteId);
        if (cached != null && cached.offset == record.offset()) {
            return cached.index == null ? null : cached;
        }
        Compiled fresh;
        try {
            fresh = new Compiled(record.offset(), DefinitionsTopic.parseStored(siteId, record.json()));
        } catch (DefinitionsException e) {
            // Only a record taken at start can get here (updates are checked as they arrive).
            LOG.error("Definitions of site {} at offset {} do not parse and are ignored: {}", siteId, record.offset(),
                    e.getMessage());
            fresh = new Compiled(record.offset(), null);
        }
        compiled.put(siteId, fresh);
        return fresh.index == null ? null : fresh;
    }

    /**
     * One site's definitions, ready for matching, with what the documents need per definition
     * (an {@code index} of null marks definitions that do not parse).
     */
    private static final class Compiled {
        final long offset;
        final DefinitionsIndex index;
        final DefinitionsIndex.Matches matches;
        final String[] goalIds;
        final String[] goalIdPrefixes;
        final String[] funnelIds;
        final String[] stateKeys;
        final Map<String, Integer> funnelByStateKey = new HashMap<>();

        Compiled(long offset, Definitions parsed) {
            this.offset = offset;
            Definitions definitions = parsed == null ? Definitions.empty() : parsed;
            this.index = parsed == null ? null : DefinitionsIndex.of(definitions);
            this.matches = index == null ? null : index.newMatches();
            List<Goal> goals = definitions.goals();
            goalIds = new String[goals.size()];
            goalIdPrefixes = new String[goals.size()];
            for (int g = 0; g < goals.size(); g++) {
                goalIds[g] = goals.get(g).id();
                goalIdPrefixes[g] = DocumentIds.goalIdPrefix(goals.get(g).site(), goals.get(g).name());
            }
            List<Funnel> funnels = definitions.funnels();
            funnelIds = new String[funnels.size()];
            stateKeys = new String[funnels.size()];
            for (int f = 0; f < funnels.size(); f++) {
                funnelIds[f] = funnels.get(f).id();
                stateKeys[f] = funnels.get(f).stateKey();
                funnelByStateKey.put(stateKeys[f], f);
            }
        }
    }
}
