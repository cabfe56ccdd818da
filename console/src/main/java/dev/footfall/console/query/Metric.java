package dev.footfall.console.query;

import java.util.Optional;

/**
 * The metrics of the Stats API, named as Plausible's Stats API v2 names them. Their definitions
 * (docs/stats-api.md) follow Plausible's: a visit is a session, a bounce is a session with one
 * page view and no interactive custom event.
 */
public enum Metric {
    /** Distinct visitors. */
    VISITORS("visitors"),
    /** Sessions. */
    VISITS("visits"),
    /** Page and screen views. */
    PAGEVIEWS("pageviews"),
    /** Page views per session. */
    VIEWS_PER_VISIT("views_per_visit"),
    /** Share of sessions that bounced, in percent. */
    BOUNCE_RATE("bounce_rate"),
    /** Mean session length in seconds. */
    VISIT_DURATION("visit_duration"),
    /** Page views plus custom events. */
    EVENTS("events"),
    /** A row's visitors as a share of all visitors matching the filters, in percent. */
    PERCENTAGE("percentage"),
    /**
     * Converting visitors as a share of all the site's visitors matching the filters other than
     * {@code event:goal}, in percent (Plausible's); only with {@code event:goal} ({@link GoalSource}).
     */
    CONVERSION_RATE("conversion_rate");

    private final String apiName;

    Metric(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    /** Metrics that only a session knows: they are read from the sessions index. */
    public boolean sessionOnly() {
        return this == BOUNCE_RATE || this == VISIT_DURATION || this == VIEWS_PER_VISIT;
    }

    public static Optional<Metric> byApiName(String name) {
        for (Metric metric : values()) {
            if (metric.apiName.equals(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
