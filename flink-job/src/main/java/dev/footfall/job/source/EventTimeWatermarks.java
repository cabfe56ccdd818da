package dev.footfall.job.source;

import dev.footfall.job.model.ValidatedRecord;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Event time for the raw topic, per Kafka partition:
 * <ul>
 *   <li>bounded out-of-orderness over the <em>valid</em> events only, so a garbage timestamp in
 *       an invalid record cannot drag time forward;</li>
 *   <li>idleness: a partition that received nothing for a while stops holding everyone's time
 *       back;</li>
 *   <li>the clock after a quiet period: once a partition received nothing for longer still, its
 *       time follows the wall clock (less the out-of-orderness). Event time otherwise moves only
 *       with events, so on a site that goes quiet (at night, say) the last sessions would stay
 *       open, and the last windows unfinished, until the next event. What arrives after a quiet
 *       period happened at its receipt, or is late exactly as it would be under steady traffic.</li>
 * </ul>
 * Quiet and idle are measured on the source's input-activity clock, which stands still while the
 * source is back-pressured: a partition that is merely not being read is not quiet.
 */
public final class EventTimeWatermarks {

    private EventTimeWatermarks() {
    }

    /**
     * @param clockAfterQuiet how long a partition must receive nothing before its time follows
     *     the clock; zero never (event time then only moves with events)
     */
    public static WatermarkStrategy<ValidatedRecord> strategy(Duration outOfOrderness, Duration idleness,
            Duration clockAfterQuiet) {
        long bound = outOfOrderness.toMillis();
        long idleMs = idleness.toMillis();
        long quietMs = clockAfterQuiet.toMillis();
        return WatermarkStrategy.<ValidatedRecord>forGenerator(context -> new ValidEventsGenerator(bound, idleMs, quietMs,
                        activity(context.getInputActivityClock()), System::currentTimeMillis))
                .withTimestampAssigner((SerializableTimestampAssigner<ValidatedRecord>) EventTimeWatermarks::timestamp);
    }

    private static LongSupplier activity(RelativeClock clock) {
        return clock::relativeTimeMillis;
    }

    /** Valid events carry their corrected event time, invalid ones their receipt (or Kafka) time. */
    static long timestamp(ValidatedRecord record, long kafkaTimestamp) {
        return record.isValid() ? record.valid().eventTime() : record.invalid().timestamp();
    }

    /** Like Flink's bounded out-of-orderness generator with idleness, blind to invalid records, plus the clock. */
    static final class ValidEventsGenerator implements WatermarkGenerator<ValidatedRecord> {
        private final long bound;
        private final long idleMs;
        private final long quietMs;
        private final LongSupplier activityClock;
        private final LongSupplier wallClock;
        private long maxTimestamp;
        private long lastRecordAt;

        ValidEventsGenerator(long bound, long idleMs, long quietMs, LongSupplier activityClock, LongSupplier wallClock) {
            this.bound = bound;
            this.idleMs = idleMs;
            this.quietMs = quietMs;
            this.activityClock = activityClock;
            this.wallClock = wallClock;
            this.maxTimestamp = Long.MIN_VALUE + bound + 1;
            this.lastRecordAt = activityClock.getAsLong();
        }

        @Override
        public void onEvent(ValidatedRecord record, long timestamp, WatermarkOutput output) {
            lastRecordAt = activityClock.getAsLong();
            if (record.isValid()) {
                maxTimestamp = Math.max(maxTimestamp, timestamp);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long quiet = activityClock.getAsLong() - lastRecordAt;
            if (quietMs > 0 && quiet >= quietMs) {
                // Flink keeps watermarks monotonic: once events resume, this partition's time
                // moves on from here, never back.
                output.emitWatermark(new Watermark(Math.max(maxTimestamp, wallClock.getAsLong()) - bound - 1));
            } else if (quiet >= idleMs) {
                output.markIdle();
            } else {
                output.emitWatermark(new Watermark(maxTimestamp - bound - 1));
            }
        }
    }
}
