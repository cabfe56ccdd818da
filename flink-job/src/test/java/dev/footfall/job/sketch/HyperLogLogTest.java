package dev.footfall.job.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {

    private static HyperLogLog of(int distinct, int repeats) {
        HyperLogLog hll = new HyperLogLog();
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < distinct; i++) {
                hll.add(Hash64.of("visitor-" + i));
            }
        }
        return hll;
    }

    @Test
    void shouldCountSmallSetsExactly() {
        assertThat(of(0, 1).estimate()).isZero();
        assertThat(of(1, 5).estimate()).isEqualTo(1);
        assertThat(of(HyperLogLog.EXACT_LIMIT, 3).estimate()).isEqualTo(HyperLogLog.EXACT_LIMIT);
        assertThat(of(HyperLogLog.EXACT_LIMIT, 1).registers).isNull();
    }

    /** 3 standard errors (1.04 / sqrt(4096) = 1.6 % each) hold for 99.7 % of sets; these are fixed. */
    @Test
    void shouldStayWithinThreeStandardErrorsOnLargeSets() {
        for (int n : new int[] {513, 1_000, 5_000, 10_000, 20_000, 100_000, 300_000}) {
            assertThat((double) of(n, 1).estimate()).as("estimate of %d", n).isCloseTo(n, within(n * 0.049));
        }
    }

    @Test
    void shouldIgnoreRepeatsOnceTheRegistersAreInUse() {
        assertThat(of(5_000, 3).estimate()).isEqualTo(of(5_000, 1).estimate());
    }

    @Test
    void shouldBeAFlinkPojoSoStateNeverFallsBackToKryo() {
        assertThat(TypeInformation.of(HyperLogLog.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
