package dev.footfall.index;

/**
 * The field names of the documents, for code that reads them (queries, aggregations, erasure).
 * Each nested class is one {@link IndexFamily}; the constants at the top are in every family, and
 * {@link SourceAndDevice} holds the fields four families share. A test checks every constant against
 * the family's template, so a renamed field fails the build instead of a query. The meaning of each
 * field is in docs/index-schema.md.
 */
public final class Fields {

    /** The time every document is timed and its daily index chosen by. */
    public static final String TIMESTAMP = "@timestamp";
    public static final String SITE_ID = "site_id";

    private Fields() {
    }

    /**
     * Where a visitor came from and what they came on: the fields reports break events, sessions,
     * goal conversions and funnel attempts down by. The job copies them from one event onto the
     * document it writes, under the same names, so each family that has them takes them from here
     * ({@code Fields.Goals.SOURCE} is {@code Fields.Events.SOURCE}). On an event they describe that
     * event; on the others, the event that started the session or the attempt, or that converted.
     */
    public interface SourceAndDevice {
        String SOURCE = "source";
        String MEDIUM = "medium";
        String CAMPAIGN = "campaign";
        String REFERRER_HOST = "referrer_host";
        String DEVICE_TYPE = "device_type";
        String BROWSER = "browser";
        String OS = "os";
        String COUNTRY = "country";
        String REGION = "region";
    }

    /** {@code footfall-events-*}: one document per valid, deduplicated event. */
    public static final class Events implements SourceAndDevice {
        public static final String RECEIVED_AT = "received_at";
        public static final String MESSAGE_ID = "message_id";
        public static final String TYPE = "type";
        public static final String EVENT_NAME = "event_name";
        public static final String INTERACTIVE = "interactive";
        public static final String VISITOR_ID = "visitor_id";
        public static final String ANONYMOUS_ID = "anonymous_id";
        public static final String USER_ID = "user_id";
        public static final String SESSION_ID = "session_id";
        public static final String PAGE_URL = "page_url";
        public static final String PAGE_HOST = "page_host";
        public static final String PAGE_PATH = "page_path";
        public static final String PAGE_TITLE = "page_title";
        public static final String REFERRER = "referrer";
        public static final String UTM_TERM = "utm_term";
        public static final String UTM_CONTENT = "utm_content";
        public static final String BROWSER_VERSION = "browser_version";
        public static final String OS_VERSION = "os_version";
        public static final String IS_BOT = "is_bot";
        public static final String LOCALE = "locale";
        public static final String LIBRARY_NAME = "library_name";
        public static final String LIBRARY_VERSION = "library_version";
        /** A {@code flat_object}: searchable by sub-field, not aggregatable. */
        public static final String PROPERTIES = "properties";
        /** {@code key=value} per top-level scalar property: what a breakdown by property aggregates. */
        public static final String PROPERTIES_KV = "properties_kv";
        public static final String TRAITS = "traits";

        // The attributes of the event's visit, copied onto every event document so that one
        // search can filter and group events by their visit (docs/index-schema.md).
        public static final String VISIT_SOURCE = "visit_source";
        public static final String VISIT_MEDIUM = "visit_medium";
        public static final String VISIT_CAMPAIGN = "visit_campaign";
        public static final String VISIT_REFERRER = "visit_referrer";
        public static final String VISIT_REFERRER_HOST = "visit_referrer_host";
        public static final String VISIT_UTM_CONTENT = "visit_utm_content";
        public static final String VISIT_UTM_TERM = "visit_utm_term";
        public static final String VISIT_ENTRY_PAGE = "visit_entry_page";
        /**
         * Always written with the visit's other attributes (every event has a device type), so a
         * document without it was written before visit attributes were copied onto events.
         */
        public static final String VISIT_DEVICE_TYPE = "visit_device_type";
        public static final String VISIT_BROWSER = "visit_browser";
        public static final String VISIT_OS = "visit_os";
        public static final String VISIT_COUNTRY = "visit_country";

        private Events() {
        }
    }

    /** {@code footfall-sessions-*}: one document per session, by session start. */
    public static final class Sessions implements SourceAndDevice {
        public static final String SESSION_ID = "session_id";
        public static final String VISITOR_ID = "visitor_id";
        public static final String USER_ID = "user_id";
        public static final String START = "start";
        public static final String END = "end";
        public static final String DURATION_SECONDS = "duration_seconds";
        public static final String PAGEVIEWS = "pageviews";
        public static final String EVENTS = "events";
        public static final String ENTRY_PAGE = "entry_page";
        public static final String EXIT_PAGE = "exit_page";
        public static final String IS_BOUNCE = "is_bounce";
        public static final String REFERRER = "referrer";
        public static final String UTM_CONTENT = "utm_content";
        public static final String UTM_TERM = "utm_term";
        public static final String IS_BOT = "is_bot";
        public static final String IS_OPEN = "is_open";
        public static final String UPDATED_AT = "updated_at";
        // What the visit's events were: distinct values, each list capped (docs/index-schema.md).
        public static final String PAGES = "pages";
        public static final String EVENT_NAMES = "event_names";
        public static final String HOSTNAMES = "hostnames";
        public static final String PROPS_KV = "props_kv";
        /**
         * Whether the four lists above hold every value of the visit. Always written, so a document
         * without it was written before visits listed their events.
         */
        public static final String LISTS_COMPLETE = "lists_complete";

        private Sessions() {
        }
    }

    /** {@code footfall-rollups-*}: per-minute counts, one row per site, dimension and key. */
    public static final class Rollups {
        public static final String WINDOW_END = "window_end";
        /** {@code site}, {@code event} or {@code page}. */
        public static final String DIMENSION = "dimension";
        /** {@code *} (the site row), the event name or the page path. */
        public static final String KEY = "key";
        public static final String PAGEVIEWS = "pageviews";
        public static final String EVENTS = "events";
        public static final String SESSIONS = "sessions";
        public static final String BOUNCES = "bounces";
        public static final String UPDATED_AT = "updated_at";

        private Rollups() {
        }
    }

    /** {@code footfall-invalid-*}: one document per rejected record. */
    public static final class Invalid {
        public static final String REASON = "reason";
        public static final String MESSAGE = "message";
        public static final String ANONYMOUS_ID = "anonymous_id";
        public static final String USER_ID = "user_id";
        public static final String VISITOR_ID = "visitor_id";
        public static final String PAYLOAD = "payload";
        public static final String PAYLOAD_BYTES = "payload_bytes";
        public static final String KAFKA_TOPIC = "kafka_topic";
        public static final String KAFKA_PARTITION = "kafka_partition";
        public static final String KAFKA_OFFSET = "kafka_offset";

        private Invalid() {
        }
    }

    /** {@code footfall-health-*}: per-minute counts of what the pipeline dropped or delayed. */
    public static final class Health {
        public static final String EVENTS = "events";
        public static final String DUPLICATES = "duplicates";
        public static final String LATE_EVENTS = "late_events";
        public static final String INVALID_EVENTS = "invalid_events";
        public static final String LAG_MS_AVG = "lag_ms_avg";
        public static final String LAG_MS_MAX = "lag_ms_max";

        private Health() {
        }
    }

    /** {@code footfall-goals-*}: one document per goal conversion, by event time (docs/funnels.md). */
    public static final class Goals implements SourceAndDevice {
        /** The goal's name. */
        public static final String GOAL = "goal";
        /** A hash of what the goal matched when the conversion was written. */
        public static final String GOAL_ID = "goal_id";
        public static final String MESSAGE_ID = "message_id";
        public static final String TYPE = "type";
        public static final String EVENT_NAME = "event_name";
        public static final String VISITOR_ID = "visitor_id";
        public static final String USER_ID = "user_id";
        /** Page views: the path or screen name the goal matched. */
        public static final String PAGE = "page";
        public static final String PAGE_HOST = "page_host";
        public static final String UTM_TERM = "utm_term";
        public static final String UTM_CONTENT = "utm_content";
        public static final String PROPERTIES_KV = "properties_kv";

        private Goals() {
        }
    }

    /** {@code footfall-funnels-*}: one document per funnel attempt, by its start (docs/funnels.md). */
    public static final class Funnels implements SourceAndDevice {
        /** The funnel's name. */
        public static final String FUNNEL = "funnel";
        /** A hash of the funnel's order, window and steps: readers ask for the current one. */
        public static final String FUNNEL_ID = "funnel_id";
        public static final String VISITOR_ID = "visitor_id";
        public static final String ORDER = "order";
        public static final String STEPS = "steps";
        /** The furthest step reached, 1 to {@link #STEPS}: visitors at step k have it at least k. */
        public static final String STEP_REACHED = "step_reached";
        public static final String COMPLETED = "completed";
        public static final String STEP_TIMES = "step_times";
        public static final String REACHED_AT = "reached_at";
        public static final String SECONDS_TO_REACH = "seconds_to_reach";
        public static final String PAGE_HOST = "page_host";

        private Funnels() {
        }
    }
}
