package dev.footfall.gateway.metrics;

import java.util.concurrent.atomic.LongAdder;

/** A Prometheus histogram with fixed buckets, lock-free to record. */
public final class Histogram {

    private final double[] bounds;
    private final LongAdder[] counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdderLite sum = new DoubleAdderLite();

    public Histogram(double... bounds) {
        this.bounds = bounds.clone();
        this.counts = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void record(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                counts[i].increment();
                break;
            }
        }
        count.increment();
        sum.add(value);
    }

    public long count() {
        return count.sum();
    }

    void write(StringBuilder out, String name) {
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += counts[i].sum();
            out.append(name).append("_bucket{le=\"").append(bounds[i]).append("\"} ").append(cumulative).append('\n');
        }
        long total = count.sum();
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(total).append('\n');
        out.append(name).append("_sum ").append(sum.sum()).append('\n');
        out.append(name).append("_count ").append(total).append('\n');
    }

    /** Sums in micro-units in a LongAdder: exact enough for latencies, and contention-free. */
    private static final class DoubleAdderLite {
        private final LongAdder micros = new LongAdder();

        void add(double value) {
            micros.add(Math.round(value * 1e6));
        }

        double sum() {
            return micros.sum() / 1e6;
        }
    }
}
