package dev.footfall.job.funnel;

import dev.footfall.job.model.FunnelTimeline;
import dev.footfall.job.model.FunnelVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a visitor's events into funnel attempts, exactly as docs/funnels.md defines them. It
 * reads the events in event order (time, then message id hash), whatever order they arrived in,
 * so a late event within the allowed lateness gives the attempts it would have given on time.
 *
 * <ul>
 *   <li>With no attempt open, an event matching step 1 opens one.
 *   <li>An open attempt at step {@code k} reaches step {@code k + 1} at the first following event
 *       matching it, at most the window after the attempt's start; when it reaches the last step
 *       it is complete and closes. An event after the window closes it where it stands, and is
 *       then read as if no attempt were open (it may open the next one).
 *   <li>Ordered: other events between steps are passed over, step-1 events included. Strict: any
 *       other page view or custom event of the visitor closes the attempt where it stands (and
 *       opens the next one if it matches step 1).
 * </ul>
 */
public final class AttemptScan {

    private AttemptScan() {
    }

    /**
     * @param activity the visitor's page views and custom events, for a strict funnel; ignored
     *     when {@code strict} is false
     */
    public static List<Attempt> scan(FunnelTimeline timeline, FunnelVisitor activity, int steps, long windowMs,
            boolean strict) {
        Scanner scanner = new Scanner(timeline, steps, windowMs, strict);
        if (!strict) {
            for (int i = 0; i < timeline.size(); i++) {
                scanner.read(timeline.times[i], timeline.ids[i], timeline.masks[i], i);
            }
        } else {
            // Walk the activity and the funnel's own events together: an activity event that is
            // not one of the funnel's matches no step and breaks an open attempt.
            long[] times = activity.activityTimes;
            long[] ids = activity.activityIds;
            int a = 0;
            int f = 0;
            while (a < times.length || f < timeline.size()) {
                int order = f == timeline.size() ? 1 : a == times.length ? -1
                        : FunnelTimeline.compare(timeline.times[f], timeline.ids[f], times[a], ids[a]);
                if (order <= 0) {
                    scanner.read(timeline.times[f], timeline.ids[f], timeline.masks[f], f);
                    f++;
                    if (order == 0) {
                        a++;
                    }
                } else {
                    scanner.read(times[a], ids[a], 0, -1);
                    a++;
                }
            }
        }
        return scanner.finish();
    }

    /**
     * The number of leading events of the timeline that can no longer change anything once event
     * time has passed {@code horizon} (the watermark less the allowed lateness): those of settled
     * attempts, and those before {@code horizon} outside any open one. Every later event is at
     * least at {@code horizon}, so it lands after them.
     */
    public static int settledPrefix(FunnelTimeline timeline, List<Attempt> attempts, long horizon) {
        int keep = timeline.size();
        for (Attempt attempt : attempts) {
            if (attempt.settledAfter() >= horizon) {
                keep = attempt.startEntry();
                break;
            }
        }
        for (int i = 0; i < keep; i++) {
            if (timeline.times[i] >= horizon) {
                return i;
            }
        }
        return keep;
    }

    private static final class Scanner {
        final FunnelTimeline timeline;
        final int steps;
        final long windowMs;
        final boolean strict;
        final List<Attempt> attempts = new ArrayList<>();

        int startEntry = -1;
        long startTime;
        long startId;
        int level;
        long[] stepTimes;

        Scanner(FunnelTimeline timeline, int steps, long windowMs, boolean strict) {
            this.timeline = timeline;
            this.steps = steps;
            this.windowMs = windowMs;
            this.strict = strict;
        }

        void read(long time, long id, int mask, int entry) {
            if (startEntry >= 0) {
                if (time > startTime + windowMs) {
                    close(false, startTime + windowMs);
                } else if ((mask & (1 << level)) != 0) {
                    stepTimes[level++] = time;
                    if (level == steps) {
                        close(true, time);
                    }
                    return;
                } else if (strict) {
                    close(false, time);
                } else {
                    return;
                }
            }
            if ((mask & 1) != 0 && entry >= 0) {
                startEntry = entry;
                startTime = time;
                startId = id;
                level = 1;
                stepTimes = new long[steps];
                stepTimes[0] = time;
            }
        }

        void close(boolean completed, long settledAfter) {
            attempts.add(new Attempt(startEntry, startTime, startId, level, Arrays.copyOf(stepTimes, level), completed,
                    settledAfter));
            startEntry = -1;
        }

        List<Attempt> finish() {
            if (startEntry >= 0) {
                close(false, startTime + windowMs);
            }
            return attempts;
        }
    }
}
