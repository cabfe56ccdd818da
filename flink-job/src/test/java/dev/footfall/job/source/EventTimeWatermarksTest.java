package dev.footfall.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.TestEvents;
import dev.footfall.job.model.ValidatedRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {

    private static final long BOUND = 1_000;
    private static final long IDLE = 10_000;
    private static final long QUIET = 60_000;

    /** What the generator told its output, in order: a watermark's timestamp, or "idle". */
    private final List<String> said = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            said.add(Long.toString(watermark.getTimestamp()));
        }

        @Override
        public void markIdle() {
            said.add("idle");
        }

        @Override
        public void markActive() {
            said.add("active");
        }
    };

    private long activity = 0;
    private long wall = 1_000_000;
    private final EventTimeWatermarks.ValidEventsGenerator generator = new EventTimeWatermarks.ValidEventsGenerator(
            BOUND, IDLE, QUIET, () -> activity, () -> wall);

    @Test
    void shouldFollowEventsThenGoIdleThenFollowTheClockWhenQuiet() {
        event(500_000);
        emit();
        assertThat(last()).isEqualTo(Long.toString(500_000 - BOUND - 1));

        pass(IDLE);
        emit();
        assertThat(last()).as("idle: holds nobody back").isEqualTo("idle");

        pass(QUIET - IDLE);
        emit();
        assertThat(last()).as("quiet: the clock, less the bound").isEqualTo(Long.toString(wall - BOUND - 1));
        pass(5_000);
        emit();
        assertThat(last()).isEqualTo(Long.toString(wall - BOUND - 1));

        event(wall - 200); // traffic again: its own time
        emit();
        assertThat(last()).isEqualTo(Long.toString(wall - 200 - BOUND - 1));
    }

    @Test
    void shouldNotCountTimeWithoutReadingAsQuiet() {
        event(500_000);
        // Back-pressure: the source is not read, so its activity clock stands still while the wall clock runs.
        wall += 10 * QUIET;
        emit();
        assertThat(last()).isEqualTo(Long.toString(500_000 - BOUND - 1));
    }

    @Test
    void shouldNeverFollowTheClockWhenTurnedOff() {
        EventTimeWatermarks.ValidEventsGenerator off = new EventTimeWatermarks.ValidEventsGenerator(
                BOUND, IDLE, 0, () -> activity, () -> wall);
        off.onEvent(record(500_000), 500_000, output);
        pass(100 * QUIET);
        off.onPeriodicEmit(output);
        assertThat(last()).isEqualTo("idle");
    }

    private void event(long eventTime) {
        generator.onEvent(record(eventTime), eventTime, output);
    }

    private static ValidatedRecord record(long eventTime) {
        return ValidatedRecord.of(TestEvents.page("v", "m-" + eventTime, java.time.Instant.ofEpochMilli(eventTime), "/")
                .valid());
    }

    private void emit() {
        generator.onPeriodicEmit(output);
    }

    private void pass(long millis) {
        activity += millis;
        wall += millis;
    }

    private String last() {
        return said.get(said.size() - 1);
    }
}
