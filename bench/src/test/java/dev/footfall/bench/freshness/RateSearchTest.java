package dev.footfall.bench.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RateSearchTest {

    private static final RateSearch SEARCH = new RateSearch(1000, 125, 32_000, 2, 100);

    @Test
    void doublesUntilARateFailsThenBisects() throws InterruptedException {
        // A pipeline that keeps up to 5,300 events/s: 1,000, 2,000, 4,000 hold, 8,000 does not;
        // then (4,000 + 8,000) / 2 = 6,000 does not, (4,000 + 6,000) / 2 = 5,000 holds.
        List<RateSearch.Tried> tried = SEARCH.run(rate -> rate <= 5300);

        assertThat(tried).extracting(RateSearch.Tried::rate).containsExactly(1000, 2000, 4000, 8000, 6000, 5000);
        assertThat(RateSearch.highestHeld(tried)).isEqualTo(5000);
        assertThat(RateSearch.lowestNotHeld(tried)).isEqualTo(6000);
    }

    @Test
    void halvesWhenEvenTheStartFails() throws InterruptedException {
        // Keeps up to 300/s: 1,000 and 500 fail, 250 holds; then (250 + 500) / 2 = 375, rounded to
        // 400, fails; (250 + 400) / 2 = 325, rounded to 300, holds.
        List<RateSearch.Tried> tried = SEARCH.run(rate -> rate <= 300);

        assertThat(tried).extracting(RateSearch.Tried::rate).containsExactly(1000, 500, 250, 400, 300);
        assertThat(RateSearch.highestHeld(tried)).isEqualTo(300);
    }

    @Test
    void stopsAtTheCeilingWhenEveryRateHolds() throws InterruptedException {
        // 1,000 .. 32,000 by doubling is 6 steps; 64,000 would pass the ceiling, and with no rate
        // failing there is nothing to bisect.
        List<RateSearch.Tried> tried = SEARCH.run(rate -> true);

        assertThat(tried).extracting(RateSearch.Tried::rate).containsExactly(1000, 2000, 4000, 8000, 16_000, 32_000);
        assertThat(RateSearch.lowestNotHeld(tried)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void reportsNothingHeldWhenEvenTheFloorFails() throws InterruptedException {
        // 1,000, 500, 250, 125 fail; 62 would be under the floor of 125.
        List<RateSearch.Tried> tried = SEARCH.run(rate -> false);

        assertThat(tried).extracting(RateSearch.Tried::rate).containsExactly(1000, 500, 250, 125);
        assertThat(RateSearch.highestHeld(tried)).isZero();
    }
}
