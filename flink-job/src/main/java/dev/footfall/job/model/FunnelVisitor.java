package dev.footfall.job.model;

/**
 * What the goals-and-funnels operator keeps for one visitor besides each funnel's timeline: who
 * the visitor is, the one event-time and the one processing-time timer registered for the key, and, for a site with funnels
 * in strict order, the time and message id hash of each of the visitor's page views and custom
 * events (strict steps must follow one another with none of these between).
 */
public class FunnelVisitor {

    public static final long NONE = Long.MIN_VALUE;
    private static final long[] NO_LONGS = new long[0];

    public String siteId;
    public String visitorId;
    /** The registered event-time timer, or {@link #NONE}. */
    public long eventTimer = NONE;
    /** The registered processing-time timer that writes changed attempts, or {@link #NONE}. */
    public long flushTimer = NONE;
    /** The visitor's page views and custom events, in event order (strict funnels only). */
    public long[] activityTimes = NO_LONGS;
    public long[] activityIds = NO_LONGS;

    public FunnelVisitor() {
    }

    /** Adds one page view or custom event; false when it is already there. */
    public boolean addActivity(long time, long id) {
        int at = activityTimes.length;
        while (at > 0 && FunnelTimeline.compare(activityTimes[at - 1], activityIds[at - 1], time, id) > 0) {
            at--;
        }
        if (at > 0 && activityTimes[at - 1] == time && activityIds[at - 1] == id) {
            return false;
        }
        activityTimes = Arrays2.insert(activityTimes, at, time);
        activityIds = Arrays2.insert(activityIds, at, id);
        return true;
    }

    /** Forgets the activity before the given event position. */
    public void dropActivityBefore(long time, long id) {
        int count = 0;
        while (count < activityTimes.length
                && FunnelTimeline.compare(activityTimes[count], activityIds[count], time, id) < 0) {
            count++;
        }
        activityTimes = Arrays2.tail(activityTimes, count);
        activityIds = Arrays2.tail(activityIds, count);
    }
}
