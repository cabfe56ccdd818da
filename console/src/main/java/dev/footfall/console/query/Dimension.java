package dev.footfall.console.query;

import java.util.Objects;
import java.util.Optional;

/**
 * What a query groups or filters by: one of Plausible's dimensions, or a custom property
 * ({@code event:props:<name>}). {@link Kind#scope()} says which index knows it.
 *
 * @param property the property name of {@link Kind#EVENT_PROPS}, else null
 */
public record Dimension(Kind kind, String property) {

    public static final String PROPS_PREFIX = "event:props:";

    public Dimension {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.EVENT_PROPS) != (property != null)) {
            throw new IllegalArgumentException("a property name goes with event:props:<name> only");
        }
    }

    public static Dimension of(Kind kind) {
        return new Dimension(kind, null);
    }

    public static Dimension property(String name) {
        return new Dimension(Kind.EVENT_PROPS, name);
    }

    /** The dimension an API name denotes, if Footfall offers it. */
    public static Optional<Dimension> byApiName(String name) {
        if (name.startsWith(PROPS_PREFIX)) {
            String property = name.substring(PROPS_PREFIX.length());
            return property.isEmpty() ? Optional.empty() : Optional.of(property(property));
        }
        for (Kind kind : Kind.values()) {
            if (kind != Kind.EVENT_PROPS && kind.apiName.equals(name)) {
                return Optional.of(of(kind));
            }
        }
        return Optional.empty();
    }

    public String apiName() {
        return kind == Kind.EVENT_PROPS ? PROPS_PREFIX + property : kind.apiName;
    }

    public boolean isTime() {
        return kind.granularity != null;
    }

    @Override
    public String toString() {
        return apiName();
    }

    /** Where a dimension's values live (docs/stats-api.md, "Where the numbers come from"). */
    public enum Scope {
        /**
         * Known per event: the events index; a visit lists what its events were ({@code pages},
         * {@code event_names}, ...), so visits can be filtered by them.
         */
        EVENT,
        /**
         * Known per visit (of its first event, or of the whole visit): the sessions index; every
         * event document carries a copy ({@code visit_source}, ...), except of the exit page.
         */
        VISIT,
        /** The same on an event and on its visit (user agent, location, time): each index's own field. */
        BOTH
    }

    public enum Kind {
        TIME("time", Scope.BOTH, Granularity.AUTO),
        TIME_HOUR("time:hour", Scope.BOTH, Granularity.HOUR),
        TIME_DAY("time:day", Scope.BOTH, Granularity.DAY),
        TIME_WEEK("time:week", Scope.BOTH, Granularity.WEEK),
        TIME_MONTH("time:month", Scope.BOTH, Granularity.MONTH),
        EVENT_PAGE("event:page", Scope.EVENT, null),
        EVENT_HOSTNAME("event:hostname", Scope.EVENT, null),
        /** Footfall's extension: the custom event's name, or {@code pageview} for page and screen views. */
        EVENT_NAME("event:name", Scope.EVENT, null),
        EVENT_PROPS(PROPS_PREFIX, Scope.EVENT, null),
        /** A goal's name: read from the goal conversions the job writes ({@link GoalSource}), not from events. */
        EVENT_GOAL("event:goal", Scope.EVENT, null),
        VISIT_ENTRY_PAGE("visit:entry_page", Scope.VISIT, null),
        VISIT_EXIT_PAGE("visit:exit_page", Scope.VISIT, null),
        VISIT_SOURCE("visit:source", Scope.VISIT, null),
        VISIT_REFERRER("visit:referrer", Scope.VISIT, null),
        VISIT_UTM_SOURCE("visit:utm_source", Scope.VISIT, null),
        VISIT_UTM_MEDIUM("visit:utm_medium", Scope.VISIT, null),
        VISIT_UTM_CAMPAIGN("visit:utm_campaign", Scope.VISIT, null),
        VISIT_UTM_CONTENT("visit:utm_content", Scope.VISIT, null),
        VISIT_UTM_TERM("visit:utm_term", Scope.VISIT, null),
        VISIT_DEVICE("visit:device", Scope.BOTH, null),
        VISIT_BROWSER("visit:browser", Scope.BOTH, null),
        VISIT_OS("visit:os", Scope.BOTH, null),
        VISIT_COUNTRY("visit:country", Scope.BOTH, null);

        private final String apiName;
        private final Scope scope;
        private final Granularity granularity;

        Kind(String apiName, Scope scope, Granularity granularity) {
            this.apiName = apiName;
            this.scope = scope;
            this.granularity = granularity;
        }

        public Scope scope() {
            return scope;
        }

        /** The time bucket of a time dimension, null for the others. */
        public Granularity granularity() {
            return granularity;
        }
    }

    /** Time buckets, in the site's time zone. */
    public enum Granularity {
        /** {@code time}: chosen from the length of the date range. */
        AUTO, HOUR, DAY, WEEK, MONTH
    }
}
