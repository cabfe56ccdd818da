package dev.footfall.job.functions;

import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.WindowAccumulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * 1-minute tumbling event-time windows with allowed lateness, early results and late updates,
 * written as a keyed process function rather than with the window API: contributions carry
 * their own time (a session change counts at the session's start, not when it is noticed), and a
 * changed window is rewritten on a short processing-time cadence instead of once per element.
 *
 * <ul>
 *   <li>A window is open until the watermark passes its end plus the allowed lateness, exactly
 *       as Flink's window operator decides lateness; then its state is dropped.
 *   <li>Changed windows are written every update interval: before the window ends (early), and
 *       again whenever late data changes them (late updates). Deterministic ids make each write
 *       overwrite the last.
 * </ul>
 *
 * @param <IN> the contributions
 * @param <ACC> the per-window accumulator
 */
public abstract class MinuteWindowAggregator<IN, ACC extends WindowAccumulator<IN>> extends KeyedProcessFunction<String, IN, IndexAction> {

    private static final long serialVersionUID = 1L;

    public static final long WINDOW_MS = 60_000L;

    protected final long allowedLatenessMs;
    private final long updateIntervalMs;
    private final Class<ACC> accumulatorClass;

    private transient MapState<Long, ACC> windows;
    private transient ValueState<Long> flushTimer;

    protected MinuteWindowAggregator(Duration allowedLateness, Duration updateInterval, Class<ACC> accumulatorClass) {
        this.allowedLatenessMs = Sessionizer.notNegative("allowed lateness", allowedLateness);
        this.updateIntervalMs = Sessionizer.positive("update interval", updateInterval);
        this.accumulatorClass = accumulatorClass;
    }

    @Override
    public void open(Configuration parameters) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG,
                TypeInformation.of(accumulatorClass)));
        flushTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-timer", Types.LONG));
    }

    /** The contribution's event time in epoch ms. */
    protected abstract long timeOf(IN input);

    /**
     * Where a contribution goes whose window is already final: another window start, or null to
     * drop it (after reporting it, if wanted).
     */
    protected abstract Long windowForLate(IN input, long currentWatermark, Context ctx);

    protected abstract ACC newAccumulator(IN first);

    protected abstract IndexAction render(ACC accumulator, long windowStart, long now);

    public static long windowStart(long time) {
        return Math.floorDiv(time, WINDOW_MS) * WINDOW_MS;
    }

    /** A window is final once the watermark passed its last millisecond plus the lateness. */
    protected boolean isFinal(long windowStart, long watermark) {
        return cleanupTime(windowStart) <= watermark;
    }

    private long cleanupTime(long windowStart) {
        return windowStart + WINDOW_MS - 1 + allowedLatenessMs;
    }

    @Override
    public void processElement(IN input, Context ctx, Collector<IndexAction> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long window = windowStart(timeOf(input));
        if (isFinal(window, watermark)) {
            Long instead = windowForLate(input, watermark, ctx);
            if (instead == null) {
                return;
            }
            window = instead;
        }
        ACC acc = windows.get(window);
        if (acc == null) {
            acc = newAccumulator(input);
            ctx.timerService().registerEventTimeTimer(cleanupTime(window));
        }
        acc.add(input);
        windows.put(window, acc);
        if (flushTimer.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + updateIntervalMs;
            ctx.timerService().registerProcessingTimeTimer(at);
            flushTimer.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndexAction> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            flushTimer.clear();
            List<Map.Entry<Long, ACC>> written = new ArrayList<>();
            for (Map.Entry<Long, ACC> window : windows.entries()) {
                if (window.getValue().dirty) {
                    out.collect(render(window.getValue(), window.getKey(), now));
                    window.getValue().dirty = false;
                    written.add(window);
                }
            }
            for (Map.Entry<Long, ACC> window : written) {
                windows.put(window.getKey(), window.getValue());
            }
            return;
        }
        Iterator<Map.Entry<Long, ACC>> it = windows.iterator();
        while (it.hasNext()) {
            Map.Entry<Long, ACC> window = it.next();
            if (cleanupTime(window.getKey()) <= timestamp) {
                if (window.getValue().dirty) {
                    out.collect(render(window.getValue(), window.getKey(), now));
                }
                it.remove();
            }
        }
        if (windows.isEmpty()) {
            Long pending = flushTimer.value();
            if (pending != null) {
                ctx.timerService().deleteProcessingTimeTimer(pending);
            }
            flushTimer.clear();
            windows.clear();
        }
    }
}
