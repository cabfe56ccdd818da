package dev.footfall.bench.freshness;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the highest rate a step holds: doubling from a start rate while steps hold (halving while
 * they do not), then bisecting between the highest rate held and the lowest not held. Each step
 * costs most of a minute of load, so the search is bounded by its ceiling and its bisections, not
 * by a precision.
 *
 * @param start the first rate tried
 * @param floor the lowest rate worth trying when even the start does not hold
 * @param ceiling the highest rate tried (what the sender can offer)
 * @param bisections the most steps spent between the rate held and the one not held
 * @param resolution rates are tried in multiples of this
 */
record RateSearch(int start, int floor, int ceiling, int bisections, int resolution) {

    /** One step: holds the rate for a while and says whether the pipeline kept up. */
    @FunctionalInterface
    interface Step {
        boolean holds(int rate) throws InterruptedException;
    }

    /** A rate tried and whether it held. */
    record Tried(int rate, boolean held) {
    }

    /** The steps taken, in order. */
    List<Tried> run(Step step) throws InterruptedException {
        List<Tried> tried = new ArrayList<>();
        int rate = start;
        while (true) {
            boolean held = step.holds(rate);
            tried.add(new Tried(rate, held));
            if (held ? lowestNotHeld(tried) != Integer.MAX_VALUE || rate * 2 > ceiling
                    : highestHeld(tried) > 0 || rate / 2 < floor) {
                break;
            }
            rate = held ? rate * 2 : rate / 2;
        }
        for (int i = 0; i < bisections; i++) {
            int held = highestHeld(tried);
            int notHeld = lowestNotHeld(tried);
            if (held == 0 || notHeld == Integer.MAX_VALUE) {
                break;
            }
            int middle = Math.round((held + notHeld) / 2f / resolution) * resolution;
            if (middle <= held || middle >= notHeld) {
                break;
            }
            tried.add(new Tried(middle, step.holds(middle)));
        }
        return tried;
    }

    /** The highest rate held, 0 when none was. */
    static int highestHeld(List<Tried> tried) {
        return tried.stream().filter(Tried::held).mapToInt(Tried::rate).max().orElse(0);
    }

    /** The lowest rate not held, {@link Integer#MAX_VALUE} when every one was. */
    static int lowestNotHeld(List<Tried> tried) {
        return tried.stream().filter(t -> !t.held()).mapToInt(Tried::rate).min().orElse(Integer.MAX_VALUE);
    }
}
