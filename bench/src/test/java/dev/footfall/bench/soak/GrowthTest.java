package dev.footfall.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthTest {

    @Test
    void shouldCallALevelSeriesBoundedEvenWithAGrowingStart() {
        List<Double> heap = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            heap.add(i < 10 ? 100.0 + 30 * i : 400 + (i % 3) * 10.0);
        }
        Growth g = Growth.of("heap", "MB", heap, 0.10, 32);

        assertThat(g.verdict()).isEqualTo(Growth.BOUNDED);
        assertThat(g.middle()).isBetween(400.0, 420.0);
        assertThat(g.ratio()).isBetween(0.95, 1.05);
    }

    @Test
    void shouldCallASteadilyRisingSeriesGrowing() {
        List<Double> state = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            state.add(50.0 + 5 * i);
        }
        Growth g = Growth.of("state", "MB", state, 0.10, 1);

        assertThat(g.verdict()).isEqualTo(Growth.GROWING);
        assertThat(g.last()).isGreaterThan(g.middle());
        assertThat(g.lastMax()).isEqualTo(195.0);
    }

    @Test
    void shouldNotCallNoiseNearZeroGrowingWithinTheSlack() {
        List<Double> lag = List.of(0.0, 10.0, 0.0, 0.0, 0.0, 5.0, 900.0, 0.0, 2000.0);
        Growth g = Growth.of("lag", "records", lag, 0.25, 10_000);

        assertThat(g.verdict()).isEqualTo(Growth.BOUNDED);
        assertThat(g.tolerance()).isEqualTo("last third <= middle third x 1.25 + 10,000 records");
    }

    @Test
    void shouldRefuseToJudgeTooFewPointsAndSkipMissingOnes() {
        assertThat(Growth.of("live heap", "MB", List.of(1.0, 2.0), 0.1, 0).verdict()).isEqualTo(Growth.TOO_SHORT);
        List<Double> withGaps = new ArrayList<>(List.of(1.0, 1.0, 1.0));
        withGaps.add(1, Double.NaN);
        withGaps.add(null);
        Growth g = Growth.of("live heap", "MB", withGaps, 0.1, 0);
        assertThat(g.points()).isEqualTo(3);
        assertThat(g.verdict()).isEqualTo(Growth.BOUNDED);
    }
}
