package dev.footfall.job.functions;

import org.apache.flink.streaming.api.TimerService;

/**
 * The two timers a per-visitor operator ({@link Sessionizer}, {@link MatchGoalsAndFunnels}) keeps
 * the time of in its state: one event-time timer at or before the earliest work due, and one
 * processing-time timer that writes what changed. {@link #NONE} stands for "not set" (the
 * {@code NONE} of the operators' state classes).
 */
final class VisitorTimers {

    static final long NONE = Long.MIN_VALUE;

    private VisitorTimers() {
    }

    /**
     * The event-time timer to keep: {@code next} when no timer is set or it is earlier than the one
     * set (which is deleted), else the one set. A timer earlier than needed is kept: it fires, finds
     * nothing due and the operator registers the next one. Moving it whenever the work due moved
     * (nearly every event extends its session) cost a delete and an insert in the timer queue per
     * event.
     */
    static long earliest(TimerService timers, long set, long next) {
        if (set != NONE && set <= next) {
            return set;
        }
        if (set != NONE) {
            timers.deleteEventTimeTimer(set);
        }
        timers.registerEventTimeTimer(next);
        return next;
    }

    /** The flush timer: the one set, else one registered an update interval from now. */
    static long flush(TimerService timers, long set, long updateIntervalMs) {
        if (set != NONE) {
            return set;
        }
        long at = timers.currentProcessingTime() + updateIntervalMs;
        timers.registerProcessingTimeTimer(at);
        return at;
    }
}
