package dev.footfall.job.model;

/**
 * One contribution to a pipeline-health row of a site.
 *
 * @param time the event time (or receipt time of an invalid record) in epoch ms
 * @param lagMs processing time minus the gateway's receipt time, or -1 when not measured
 */
public record HealthInput(
        String siteId,
        long time,
        long events,
        long duplicates,
        long lateEvents,
        long invalidEvents,
        long lagMs) {

    /** The site id used for invalid records whose site could not be read. */
    public static final String UNKNOWN_SITE = "_unknown";

    public static HealthInput seen(String siteId, long time, boolean duplicate, long lagMs) {
        return new HealthInput(siteId, time, 1, duplicate ? 1 : 0, 0, 0, lagMs);
    }

    public static HealthInput late(String siteId, long time) {
        return new HealthInput(siteId, time, 0, 0, 1, 0, -1);
    }

    public static HealthInput invalid(String siteId, long time) {
        return new HealthInput(siteId == null ? UNKNOWN_SITE : siteId, time, 0, 0, 0, 1, -1);
    }
}
