package dev.footfall.job.functions;

import dev.footfall.job.model.HealthAccumulator;
import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.sink.Documents;
import java.time.Duration;

/**
 * The pipeline-health rows: per site and minute, events seen, duplicates dropped, late events,
 * invalid events and ingestion lag. Nothing is dropped here: a contribution whose window is
 * already final is counted in the window of the current watermark instead, so the totals stay
 * complete even when the minute they land in shifts.
 */
public class AggregateHealth extends MinuteWindowAggregator<HealthInput, HealthAccumulator> {

    private static final long serialVersionUID = 1L;

    public AggregateHealth(Duration allowedLateness, Duration updateInterval) {
        super(allowedLateness, updateInterval, HealthAccumulator.class);
    }

    @Override
    protected long timeOf(HealthInput input) {
        return input.time();
    }

    @Override
    protected Long windowForLate(HealthInput input, long currentWatermark, Context ctx) {
        return windowStart(currentWatermark);
    }

    @Override
    protected HealthAccumulator newAccumulator(HealthInput first) {
        return HealthAccumulator.forSite(first.siteId());
    }

    @Override
    protected IndexAction render(HealthAccumulator accumulator, long windowStart, long now) {
        return Documents.health(accumulator, windowStart);
    }
}
