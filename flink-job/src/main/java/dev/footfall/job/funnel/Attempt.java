package dev.footfall.job.funnel;

import java.util.Arrays;

/**
 * One funnel attempt of a visitor: it starts at an event matching step 1 and reaches
 * {@code level} steps, step {@code i + 1} at {@code stepTimes[i]}.
 *
 * @param startEntry the index of the starting event in the funnel's timeline
 * @param startId the 64-bit hash of the starting event's message id: with the funnel and the
 *     visitor, it names the attempt's document
 * @param settledAfter no event later than this can change the attempt any more: its completion,
 *     the event that broke a strict attempt, or the end of its window
 */
public record Attempt(int startEntry, long startTime, long startId, int level, long[] stepTimes, boolean completed,
        long settledAfter) {

    /** A hash of what the attempt's document says, to write it only when it changed. */
    public long signature() {
        long h = startId * 31 + level;
        for (long t : stepTimes) {
            h = h * 1_000_003L + t;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attempt a && a.startEntry == startEntry && a.startTime == startTime && a.startId == startId
                && a.level == level && Arrays.equals(a.stepTimes, stepTimes) && a.completed == completed
                && a.settledAfter == settledAfter;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(signature());
    }

    @Override
    public String toString() {
        return "Attempt{start=" + startTime + ", level=" + level + ", steps=" + Arrays.toString(stepTimes)
                + (completed ? ", completed" : "") + ", settledAfter=" + settledAfter + "}";
    }
}
