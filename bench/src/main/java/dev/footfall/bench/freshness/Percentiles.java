package dev.footfall.bench.freshness;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of samples. */
public final class Percentiles {

    private final double[] sorted;

    public Percentiles(Collection<Double> samples) {
        sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    public Percentiles(double[] samples) {
        sorted = samples.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    public double at(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
