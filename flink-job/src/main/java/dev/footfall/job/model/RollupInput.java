package dev.footfall.job.model;

/**
 * One contribution to a rollup row: an event counted under one dimension, or a change in the
 * number of sessions (or bounces) that started in a window. Session changes can be negative: when
 * a late event moves a session's start or merges two sessions, the old count is taken back.
 *
 * @param dimension {@code site}, {@code event} or {@code page}
 * @param key {@code *} for the site row, else the event name or page path
 * @param time the event time, or the session start for session and bounce changes (epoch ms)
 */
public record RollupInput(
        String siteId,
        String dimension,
        String key,
        long time,
        long pageviews,
        long events,
        long sessions,
        long bounces) {

    public static final String SITE = "site";
    public static final String EVENT = "event";
    public static final String PAGE = "page";
    public static final String ALL = "*";

    /** The keyed-state key of the row this contribution goes to (window aside). */
    public String rowKey() {
        return siteId.length() + ":" + siteId + "/" + dimension + "/" + key;
    }

    /** Whether this contribution stands for an event (as opposed to a session count change). */
    public boolean isEvent() {
        return events > 0;
    }
}
