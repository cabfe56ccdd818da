package dev.footfall.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class JvmSamplerTest {

    @Test
    void shouldReportTheHeapAfterGcEvenWhenNoCollectionRanInTheWindow() {
        JvmSampler sampler = new JvmSampler().start();
        sampler.reset();

        // A window of a few microseconds: almost surely no collection ran in it. Before, the heap
        // after GC was then 0 and the figure's ratio to it NaN; now it is read after a forced one.
        ObjectNode window = sampler.snapshot("stats");

        assertThat(window.path("peakHeapAfterGcBytes").asLong()).isPositive();
        assertThat(window.path("heapAfterGcBytes").asLong()).isPositive();
        // Forced exactly when the window saw no collection, and not counted in the window it closes.
        assertThat(window.path("heapAfterGcForced").asBoolean()).isEqualTo(window.path("gcCount").asLong() == 0);
    }
}
