package dev.footfall.job.functions;

import static dev.footfall.job.TestEvents.at;
import static dev.footfall.job.TestEvents.page;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.ValidEvent;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateEventsTest extends KeyedFunctionTestBase<ValidEvent, ValidEvent> {

    private static final Duration TTL = Duration.ofHours(24);

    @BeforeEach
    void open() throws Exception {
        open(new DeduplicateEvents(TTL), ValidEvent::visitorKey, ValidEvent::eventTime, 1_000, null);
    }

    private List<String> passedMessageIds() {
        return harness.extractOutputValues().stream().map(ValidEvent::messageId).collect(Collectors.toList());
    }

    private List<HealthInput> health() {
        return harness.getSideOutput(DeduplicateEvents.HEALTH).stream().map(StreamRecord::getValue)
                .collect(Collectors.toList());
    }

    @Test
    void shouldCountAClientRetryOnce() throws Exception {
        ValidEvent first = page("v1", "m1", at(0, 0), "/").valid();
        send(first);
        send(first);
        send(page("v1", "m2", at(0, 5), "/b").valid());

        assertThat(passedMessageIds()).containsExactly("m1", "m2");
        assertThat(health()).extracting(HealthInput::events).containsExactly(1L, 1L, 1L);
        assertThat(health()).extracting(HealthInput::duplicates).containsExactly(0L, 1L, 0L);
    }

    @Test
    void shouldMeasureIngestionLagAgainstProcessingTime() throws Exception {
        ValidEvent event = page("v1", "m1", at(0, 0), "/").valid();
        harness.setProcessingTime(event.receivedAt() + 2_500);
        send(event);

        assertThat(health()).extracting(HealthInput::lagMs).containsExactly(2_500L);
    }

    @Test
    void shouldForgetMessageIdsAndLeaveNoStateOnceTheTtlPassed() throws Exception {
        send(page("v1", "m1", at(0, 0), "/").valid());
        send(page("v2", "m9", at(0, 1), "/").valid());
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(2);

        harness.setProcessingTime(1_000 + TTL.toMillis());

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        send(page("v1", "m1", at(0, 0), "/").valid());
        assertThat(passedMessageIds()).containsExactly("m1", "m9", "m1");
    }

    @Test
    void shouldKeepABusyVisitorsRecentIdsWhenOlderOnesExpire() throws Exception {
        send(page("v1", "old", at(0, 0), "/").valid());
        harness.setProcessingTime(1_000 + TTL.toMillis() / 2);
        send(page("v1", "recent", at(0, 1), "/").valid());

        harness.setProcessingTime(1_000 + TTL.toMillis());
        send(page("v1", "old", at(0, 0), "/").valid());
        send(page("v1", "recent", at(0, 1), "/").valid());

        assertThat(passedMessageIds()).containsExactly("old", "recent", "old");
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    }
}
