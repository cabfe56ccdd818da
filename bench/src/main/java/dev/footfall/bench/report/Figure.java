package dev.footfall.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One measured number with its floors (each as a ratio) and, when one is set, its target.
 *
 * @param higherIsBetter how to read the ratio: for throughput a ratio of 0.8 means 80% of the floor;
 *     for latency or memory a ratio of 3 means three times the floor's
 */
public record Figure(String name, String unit, double value, boolean higherIsBetter, List<Floor> floors,
        List<Target> targets) {

    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        floors = List.copyOf(floors);
        targets = List.copyOf(targets);
        if (floors.isEmpty()) {
            throw new IllegalArgumentException("figure '" + name + "' has no floor: every figure needs one");
        }
    }

    public static Builder of(String name, String unit, double value) {
        return new Builder(name, unit, value);
    }

    /** Collects floors and targets of one figure. */
    public static final class Builder {
        private final String name;
        private final String unit;
        private final double value;
        private boolean higherIsBetter = true;
        private final List<Floor> floors = new ArrayList<>();
        private final List<Target> targets = new ArrayList<>();

        private Builder(String name, String unit, double value) {
            this.name = name;
            this.unit = unit;
            this.value = value;
        }

        /** Latency, memory, CPU: less is better. */
        public Builder lowerIsBetter() {
            higherIsBetter = false;
            return this;
        }

        public Builder floor(String floorName, double floorValue) {
            floors.add(Floor.of(floorName, floorValue, value));
            return this;
        }

        public Builder target(String description, boolean met) {
            targets.add(new Target(description, met));
            return this;
        }

        /** A target on the ratio to the floor added last, e.g. at least 0.5 of it. */
        public Builder targetRatioAtLeast(double minimum) {
            Floor last = floors.get(floors.size() - 1);
            return target(String.format(java.util.Locale.ROOT, ">= %.0f%% of %s", minimum * 100, last.name()),
                    last.ratio() >= minimum);
        }

        public Builder targetAtLeast(double minimum) {
            return target(">= " + Numbers.format(minimum) + " " + unit, value >= minimum);
        }

        public Builder targetAtMost(double maximum) {
            return target("<= " + Numbers.format(maximum) + " " + unit, value <= maximum);
        }

        public Figure build() {
            return new Figure(name, unit, value, higherIsBetter, floors, targets);
        }
    }
}
