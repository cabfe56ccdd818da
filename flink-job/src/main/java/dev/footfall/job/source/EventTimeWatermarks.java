package dev.footfall.job.source;

import dev.footfall.job.model.ValidatedRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time for the raw topic: bounded out-of-orderness over the <em>valid</em> events only,
 * so a garbage timestamp in an invalid record cannot drag time forward, and idleness, so a quiet
 * partition does not hold everyone's time back. The source applies it per Kafka partition.
 */
public final class EventTimeWatermarks {

    private EventTimeWatermarks() {
    }

    public static WatermarkStrategy<ValidatedRecord> strategy(Duration outOfOrderness, Duration idleness) {
        long bound = outOfOrderness.toMillis();
        return WatermarkStrategy.<ValidatedRecord>forGenerator(context -> new ValidEventsGenerator(bound))
                .withTimestampAssigner((SerializableTimestampAssigner<ValidatedRecord>) EventTimeWatermarks::timestamp)
                .withIdleness(idleness);
    }

    /** Valid events carry their corrected event time, invalid ones their receipt (or Kafka) time. */
    static long timestamp(ValidatedRecord record, long kafkaTimestamp) {
        return record.isValid() ? record.valid().eventTime() : record.invalid().timestamp();
    }

    /** Like Flink's bounded out-of-orderness generator, but blind to invalid records. */
    static final class ValidEventsGenerator implements WatermarkGenerator<ValidatedRecord> {
        private final long bound;
        private long maxTimestamp;

        ValidEventsGenerator(long bound) {
            this.bound = bound;
            this.maxTimestamp = Long.MIN_VALUE + bound + 1;
        }

        @Override
        public void onEvent(ValidatedRecord record, long timestamp, WatermarkOutput output) {
            if (record.isValid()) {
                maxTimestamp = Math.max(maxTimestamp, timestamp);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(maxTimestamp - bound - 1));
        }
    }
}
