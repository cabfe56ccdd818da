package dev.footfall.job.functions;

import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.RollupAccumulator;
import dev.footfall.job.model.RollupInput;
import dev.footfall.job.sink.Documents;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.OutputTag;

/**
 * The rollup rows: per (site, dimension, key) and minute, pageviews, events, sessions started and
 * bounces. Contributions for a window that is already final are dropped; those that stand for an
 * event are reported as late on {@link #LATE_EVENTS} (and in the {@code lateEventsDropped}
 * metric): such events are still in the event and session indices.
 */
public class AggregateRollups extends MinuteWindowAggregator<RollupInput, RollupAccumulator> {

    private static final long serialVersionUID = 1L;

    public static final OutputTag<HealthInput> LATE_EVENTS = new OutputTag<>("late-events") {
    };

    private transient Counter lateEventsDropped;

    public AggregateRollups(Duration allowedLateness, Duration updateInterval) {
        super(allowedLateness, updateInterval, RollupAccumulator.class);
    }

    @Override
    public void open(Configuration parameters) {
        super.open(parameters);
        lateEventsDropped = getRuntimeContext().getMetricGroup().counter("lateEventsDropped");
    }

    @Override
    protected long timeOf(RollupInput input) {
        return input.time();
    }

    @Override
    protected Long windowForLate(RollupInput input, long currentWatermark, Context ctx) {
        // One event makes up to three contributions; only its site row counts it as late.
        if (input.isEvent() && RollupInput.SITE.equals(input.dimension())) {
            lateEventsDropped.inc();
            ctx.output(LATE_EVENTS, HealthInput.late(input.siteId(), currentWatermark));
        }
        return null;
    }

    @Override
    protected RollupAccumulator newAccumulator(RollupInput first) {
        return RollupAccumulator.forRow(first);
    }

    @Override
    protected IndexAction render(RollupAccumulator accumulator, long windowStart, long now) {
        return Documents.rollup(accumulator, windowStart, now);
    }
}
