package dev.footfall.console.query;

/**
 * The indices and fields the query layer reads (docs/index-schema.md), in one place.
 */
final class StatsIndices {

    static final String EVENTS = "footfall-events-*";
    static final String SESSIONS = "footfall-sessions-*";
    static final String INVALID = "footfall-invalid-*";

    static final String TIMESTAMP = "@timestamp";
    static final String SITE_ID = "site_id";
    static final String IS_BOT = "is_bot";

    static final String TYPE = "type";
    static final String EVENT_NAME = "event_name";
    static final String VISITOR_ID = "visitor_id";
    static final String SESSION_ID = "session_id";
    static final String PAGE_HOST = "page_host";
    static final String PAGE_PATH = "page_path";
    static final String UTM_TERM = "utm_term";
    static final String UTM_CONTENT = "utm_content";
    static final String PROPERTIES_KV = "properties_kv";

    static final String SOURCE = "source";
    static final String MEDIUM = "medium";
    static final String CAMPAIGN = "campaign";
    static final String REFERRER = "referrer";
    static final String DEVICE_TYPE = "device_type";
    static final String BROWSER = "browser";
    static final String OS = "os";
    static final String COUNTRY = "country";

    static final String PAGEVIEWS = "pageviews";
    static final String SESSION_EVENTS = "events";
    static final String ENTRY_PAGE = "entry_page";
    static final String EXIT_PAGE = "exit_page";
    static final String IS_BOUNCE = "is_bounce";
    static final String DURATION_SECONDS = "duration_seconds";

    static final String REASON = "reason";

    private StatsIndices() {
    }
}
