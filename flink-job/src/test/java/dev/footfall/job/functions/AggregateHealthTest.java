package dev.footfall.job.functions;

import static dev.footfall.job.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.Json;
import dev.footfall.job.model.HealthInput;
import dev.footfall.job.model.IndexAction;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AggregateHealthTest extends KeyedFunctionTestBase<HealthInput, IndexAction> {

    private static final Duration LATENESS = Duration.ofHours(1);

    @BeforeEach
    void open() throws Exception {
        open(new AggregateHealth(LATENESS, Duration.ofSeconds(1)), HealthInput::siteId, HealthInput::time, 0, null);
    }

    @Test
    void shouldSumWhatThePipelineSawPerSiteAndMinute() throws Exception {
        long t = at(0, 5).toEpochMilli();
        send(HealthInput.seen("site-1", t, false, 100));
        send(HealthInput.seen("site-1", t, true, 300));
        send(HealthInput.invalid("site-1", t));
        send(HealthInput.late("site-1", t));
        harness.setProcessingTime(1_000);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("site-1:" + at(0, 0).toEpochMilli());
            assertThat(a.index()).isEqualTo("footfall-health-2026.03.02");
            assertThat(Json.doc(a)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "@timestamp", "2026-03-02T10:00:00.000Z", "site_id", "site-1", "events", 2, "duplicates", 1,
                    "late_events", 1, "invalid_events", 1, "lag_ms_avg", 200, "lag_ms_max", 300));
        });
    }

    @Test
    void shouldCountWhatArrivesAfterItsWindowIsFinalInTheCurrentWindowInstead() throws Exception {
        harness.processWatermark(at(90, 30).toEpochMilli());
        send(HealthInput.invalid(null, at(0, 5).toEpochMilli()));
        harness.setProcessingTime(1_000);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("_unknown:" + at(90, 0).toEpochMilli());
            assertThat(Json.doc(a)).containsEntry("invalid_events", 1);
        });
    }

    @Test
    void shouldLeaveTheLagOutOfAWindowThatMeasuredNone() throws Exception {
        long t = at(0, 5).toEpochMilli();
        send(HealthInput.invalid("site-1", t));
        send(HealthInput.late("site-1", t));
        harness.setProcessingTime(1_000);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> assertThat(Json.doc(a))
                .containsEntry("invalid_events", 1).containsEntry("late_events", 1)
                .doesNotContainKeys("lag_ms_avg", "lag_ms_max"));
    }
}
