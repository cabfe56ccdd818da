package dev.footfall.dashboards.data;

import dev.footfall.dashboards.translate.TimeRange;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents the job writes for this story (site {@code demo}, Friday 2025-03-14, UTC),
 * written by hand to docs/index-schema.md:
 *
 * <pre>
 * v1  Chrome 122 / macOS / desktop / DE, from Google search (google, organic)
 *     10:00:00 page /        10:01:00 page /pricing
 *     10:02:00 track "Signed Up" {plan: pro}     10:03:00 page /docs
 *     (the client retried "Signed Up": one duplicate dropped at 10:02)
 * v2  Firefox 123 / Windows / desktop / FR, from the spring_sale newsletter (UTM newsletter, email)
 *     10:10:00 page /pricing  10:11:00 track "Clicked Buy" {plan: team, button: hero}
 *     10:12:00 track "Signed Up" {plan: team}    10:13:00 identify (user u-42)
 * v3  Safari 17 / iOS / mobile, no country, direct
 *     10:05:00 page /   (bounce)
 *     36 minutes later (past the 30-minute gap) a new session, from news.ycombinator.com (referral):
 *     10:41:00 page /blog     10:42:00 page /
 * v4  Chrome 122 / Android / mobile / DE, direct
 *     10:42:30 page /pricing  10:43:00 track "Scrolled" {depth: 50, nonInteraction: true}  (bounce:
 *     the only custom event is not interactive); 10:43:00 also arrived late (after its minute was final)
 * bot Googlebot / bot, 10:44:00 page /   10:44:10 page /pricing
 * invalid: 10:05:10 missing_event_name and 10:05:40 invalid_timestamp from demo,
 *          10:30:00 malformed_json with no readable site
 * </pre>
 *
 */
public final class ScriptedPipelineOutput implements PipelineOutput {

    public static final String SITE = "demo";
    public static final LocalDate DAY = LocalDate.of(2025, 3, 14);
    private static final Instant START = Instant.parse("2025-03-14T10:00:00Z");
    private static final Instant END = Instant.parse("2025-03-14T10:45:00Z");

    @Override
    public TimeRange range() {
        return new TimeRange(START, END);
    }

    @Override
    public TimeRange lastFiveMinutes() {
        return TimeRange.lastMinutes(END, 5);
    }

    @Override
    public void writeTo(OpenSearchTestClient search) {
        search.bulkIndex(IndexFamily.EVENTS.dailyIndex(DAY), events());
        search.bulkIndex(IndexFamily.SESSIONS.dailyIndex(DAY), sessions());
        search.bulkIndex(IndexFamily.ROLLUPS.dailyIndex(DAY), rollups());
        search.bulkIndex(IndexFamily.INVALID.dailyIndex(DAY), invalid());
        search.bulkIndex(IndexFamily.HEALTH.dailyIndex(DAY), health());
        search.bulkIndex(IndexFamily.GOALS.dailyIndex(DAY), goals());
        search.bulkIndex(IndexFamily.FUNNELS.dailyIndex(DAY), funnels());
    }

    /**
     * Conversions of two goals, as the job writes them (people only): Saw pricing (page /pricing):
     * v1 10:01, v2 10:10, v4 10:42:30 (the bot's 10:44:10 never converts); Signup ("Signed Up"): v1
     * 10:02, v2 10:12.
     */
    private static Map<String, Map<String, Object>> goals() {
        Map<String, Map<String, Object>> r = new LinkedHashMap<>();
        conversion(r, "Saw pricing", "page", S1, "m02", "10:01:00");
        conversion(r, "Saw pricing", "page", S2, "m05", "10:10:00");
        conversion(r, "Saw pricing", "page", S5, "m12", "10:42:30");
        conversion(r, "Signup", "track", S1, "m03", "10:02:00");
        conversion(r, "Signup", "track", S2, "m07", "10:12:00");
        return r;
    }

    private static void conversion(Map<String, Map<String, Object>> out, String goal, String type, Visit visit,
                                   String messageId, String time) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", at(time));
        d.put("site_id", SITE);
        d.put("goal", goal);
        d.put("message_id", messageId);
        d.put("type", type);
        d.put("visitor_id", visit.visitor().id());
        out.put(SITE + ":" + goal + ":" + messageId, d);
    }

    /**
     * Attempts at "Pricing to signup" (/, /pricing, "Signed Up" within 30 minutes): v1 10:00 all
     * three steps; v3 10:05 step 1, and again 10:42 (the first attempt ran out at 10:35) step 1.
     */
    private static Map<String, Map<String, Object>> funnels() {
        Map<String, Map<String, Object>> r = new LinkedHashMap<>();
        attempt(r, V1, "10:00:00", 3);
        attempt(r, V3, "10:05:00", 1);
        attempt(r, V3, "10:42:00", 1);
        return r;
    }

    private static void attempt(Map<String, Map<String, Object>> out, Visitor visitor, String time, int stepReached) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", at(time));
        d.put("site_id", SITE);
        d.put("funnel", "Pricing to signup");
        d.put("funnel_id", "4f7c1d0e9a2b3c45");
        d.put("visitor_id", visitor.id());
        d.put("steps", 3);
        d.put("step_reached", stepReached);
        d.put("completed", stepReached == 3);
        out.put(visitor.id() + "-" + time, d);
    }

    private record Visitor(String id, String browser, String browserVersion, String os, String osVersion, String device,
                           boolean bot, String country, String region, String locale) {
    }

    private record Visit(Visitor visitor, String sessionId, String referrer, String referrerHost, String source,
                         String medium, String campaign) {
    }

    static final Visitor V1 = new Visitor("v1", "Chrome", "122.0", "macOS", "14.3", "desktop", false, "DE", "BE", "de-DE");
    static final Visitor V2 = new Visitor("v2", "Firefox", "123.0", "Windows", "10", "desktop", false, "FR", "IDF", "fr-FR");
    static final Visitor V3 = new Visitor("v3", "Safari", "17.3", "iOS", "17.3", "mobile", false, null, null, "en-US");
    static final Visitor V4 = new Visitor("v4", "Chrome", "122.0", "Android", "14", "mobile", false, "DE", "HH", "de-DE");
    static final Visitor BOT = new Visitor("bot1", "Googlebot", "2.1", "Other", null, "bot", true, null, null, null);

    static final Visit S1 = new Visit(V1, "s1", "https://www.google.com/", "www.google.com", "google", "organic", null);
    static final Visit S2 = new Visit(V2, "s2", null, null, "newsletter", "email", "spring_sale");
    static final Visit S3 = new Visit(V3, "s3", null, null, "direct", "none", null);
    static final Visit S4 = new Visit(V3, "s4", "https://news.ycombinator.com/item", "news.ycombinator.com", "news.ycombinator.com",
            "referral", null);
    static final Visit S5 = new Visit(V4, "s5", null, null, "direct", "none", null);
    static final Visit S6 = new Visit(BOT, "s6", null, null, "direct", "none", null);

    private final Map<String, Map<String, Object>> events = new LinkedHashMap<>();

    private Map<String, Map<String, Object>> events() {
        events.clear();
        page(S1, "m01", "10:00:00", "/", "Home");
        page(S1, "m02", "10:01:00", "/pricing", "Pricing");
        track(S1, "m03", "10:02:00", "/pricing", "Signed Up", Map.of("plan", "pro"), true);
        page(S1, "m04", "10:03:00", "/docs", "Docs");
        page(S2, "m05", "10:10:00", "/pricing", "Pricing");
        track(S2, "m06", "10:11:00", "/pricing", "Clicked Buy", ordered("plan", "team", "button", "hero"), true);
        track(S2, "m07", "10:12:00", "/pricing", "Signed Up", Map.of("plan", "team"), true);
        identify(S2, "m08", "10:13:00", "u-42");
        page(S3, "m09", "10:05:00", "/", "Home");
        page(S4, "m10", "10:41:00", "/blog", "Blog");
        page(S4, "m11", "10:42:00", "/", "Home");
        page(S5, "m12", "10:42:30", "/pricing", "Pricing");
        track(S5, "m13", "10:43:00", "/pricing", "Scrolled", ordered("depth", 50, "nonInteraction", true), false);
        page(S6, "m14", "10:44:00", "/", "Home");
        page(S6, "m15", "10:44:10", "/pricing", "Pricing");
        return new LinkedHashMap<>(events);
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void page(Visit visit, String messageId, String time, String path, String title) {
        Map<String, Object> e = base(visit, messageId, time, "page", path);
        e.put("event_name", title);
        e.put("page_title", title);
        e.put("interactive", false);
        e.put("properties", Map.of("title", title, "path", path));
        e.put("properties_kv", List.of("title=" + title, "path=" + path));
        events.put(SITE + ":" + messageId, e);
    }

    private void track(Visit visit, String messageId, String time, String path, String name, Map<String, Object> properties,
                       boolean interactive) {
        Map<String, Object> e = base(visit, messageId, time, "track", path);
        e.put("event_name", name);
        e.put("interactive", interactive);
        e.put("properties", properties);
        List<String> kv = new ArrayList<>();
        properties.forEach((k, v) -> kv.add(k + "=" + v));
        e.put("properties_kv", kv);
        events.put(SITE + ":" + messageId, e);
    }

    private void identify(Visit visit, String messageId, String time, String userId) {
        Map<String, Object> e = base(visit, messageId, time, "identify", "/pricing");
        e.put("interactive", false);
        e.put("user_id", userId);
        e.put("traits", Map.of("plan", "team"));
        events.put(SITE + ":" + messageId, e);
    }

    private static Map<String, Object> base(Visit visit, String messageId, String time, String type, String path) {
        Visitor v = visit.visitor();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("@timestamp", at(time));
        e.put("received_at", at(time).replace("Z", ".250Z"));
        e.put("site_id", SITE);
        e.put("message_id", messageId);
        e.put("type", type);
        e.put("visitor_id", v.id());
        e.put("anonymous_id", v.bot() ? null : "anon-" + v.id());
        e.put("session_id", visit.sessionId());
        e.put("page_url", "https://demo.example" + path);
        e.put("page_host", "demo.example");
        e.put("page_path", path);
        e.put("referrer", visit.referrer());
        e.put("referrer_host", visit.referrerHost());
        e.put("source", visit.source());
        e.put("medium", visit.medium());
        e.put("campaign", visit.campaign());
        if (visit.campaign() != null) {
            e.put("utm_content", "header-link");
        }
        e.put("browser", v.browser());
        e.put("browser_version", v.browserVersion());
        e.put("os", v.os());
        e.put("os_version", v.osVersion());
        e.put("device_type", v.device());
        e.put("is_bot", v.bot());
        e.put("country", v.country());
        e.put("region", v.region());
        e.put("locale", v.locale());
        e.put("library_name", "footfall.js");
        e.put("library_version", "0.1.0");
        e.values().removeIf(java.util.Objects::isNull);
        return e;
    }

    private static Map<String, Map<String, Object>> sessions() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        session(s, S1, "10:00:00", "10:03:00", 3, 4, "/", "/docs", false);
        session(s, S2, "10:10:00", "10:13:00", 1, 4, "/pricing", "/pricing", false);
        session(s, S3, "10:05:00", "10:05:00", 1, 1, "/", "/", true);
        session(s, S4, "10:41:00", "10:42:00", 2, 2, "/blog", "/", false);
        session(s, S5, "10:42:30", "10:43:00", 1, 2, "/pricing", "/pricing", true);
        session(s, S6, "10:44:00", "10:44:10", 2, 2, "/", "/pricing", false);
        s.get("s2").put("user_id", "u-42");
        return s;
    }

    private static void session(Map<String, Map<String, Object>> out, Visit visit, String start, String end, int pageviews,
                                int events, String entry, String exit, boolean bounce) {
        Visitor v = visit.visitor();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", at(start));
        d.put("session_id", visit.sessionId());
        d.put("site_id", SITE);
        d.put("visitor_id", v.id());
        d.put("start", at(start));
        d.put("end", at(end));
        d.put("duration_seconds", Instant.parse(at(end)).getEpochSecond() - Instant.parse(at(start)).getEpochSecond());
        d.put("pageviews", pageviews);
        d.put("events", events);
        d.put("entry_page", entry);
        d.put("exit_page", exit);
        d.put("is_bounce", bounce);
        d.put("source", visit.source());
        d.put("medium", visit.medium());
        d.put("campaign", visit.campaign());
        d.put("referrer", visit.referrer());
        d.put("referrer_host", visit.referrerHost());
        d.put("device_type", v.device());
        d.put("browser", v.browser());
        d.put("os", v.os());
        d.put("country", v.country());
        d.put("region", v.region());
        d.put("is_bot", v.bot());
        d.put("is_open", false);
        d.put("updated_at", "2025-03-14T11:20:05Z");
        d.values().removeIf(java.util.Objects::isNull);
        out.put(visit.sessionId(), d);
    }

    /** Site rows per minute (pageviews include the bot), plus a few page and event rows. */
    private static Map<String, Map<String, Object>> rollups() {
        Map<String, Map<String, Object>> r = new LinkedHashMap<>();
        //            minute     pv ev sess bounces
        rollup(r, "10:00", "site", "*", 1, 1, 1, 0);
        rollup(r, "10:01", "site", "*", 1, 1, 0, 0);
        rollup(r, "10:02", "site", "*", 0, 1, 0, 0);
        rollup(r, "10:03", "site", "*", 1, 1, 0, 0);
        rollup(r, "10:10", "site", "*", 1, 1, 1, 0);
        rollup(r, "10:11", "site", "*", 0, 1, 0, 0);
        rollup(r, "10:12", "site", "*", 0, 1, 0, 0);
        rollup(r, "10:13", "site", "*", 0, 1, 0, 0);
        rollup(r, "10:05", "site", "*", 1, 1, 1, 1);
        rollup(r, "10:41", "site", "*", 1, 1, 1, 0);
        rollup(r, "10:42", "site", "*", 2, 2, 1, 1);
        rollup(r, "10:44", "site", "*", 2, 2, 1, 0);
        // 10:43 ("Scrolled") arrived after its window was final: no rollup row for it.
        rollup(r, "10:00", "page", "/", 1, 1, 0, 0);
        rollup(r, "10:01", "page", "/pricing", 1, 1, 0, 0);
        rollup(r, "10:02", "event", "Signed Up", 0, 1, 0, 0);
        rollup(r, "10:12", "event", "Signed Up", 0, 1, 0, 0);
        return r;
    }

    private static void rollup(Map<String, Map<String, Object>> out, String minute, String dimension, String key, long pageviews,
                               long events, long sessions, long bounces) {
        Instant start = Instant.parse(at(minute + ":00"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", start.toString());
        d.put("window_end", start.plusSeconds(60).toString());
        d.put("site_id", SITE);
        d.put("dimension", dimension);
        d.put("key", key);
        d.put("pageviews", pageviews);
        d.put("events", events);
        d.put("sessions", sessions);
        d.put("bounces", bounces);
        d.put("updated_at", start.plusSeconds(65).toString());
        out.put(SITE + ":" + start.toEpochMilli() + ":" + dimension + ":" + Integer.toHexString(key.hashCode()), d);
    }

    private static Map<String, Map<String, Object>> invalid() {
        Map<String, Map<String, Object>> r = new LinkedHashMap<>();
        invalidRecord(r, "10:05:10", "missing_event_name", "a track event needs an event name", SITE, 41);
        invalidRecord(r, "10:05:40", "invalid_timestamp", "timestamp '14/03/2025' is not ISO-8601", SITE, 42);
        invalidRecord(r, "10:30:00", "malformed_json", "Unexpected end-of-input", null, 43);
        return r;
    }

    private static void invalidRecord(Map<String, Map<String, Object>> out, String time, String reason, String message,
                                      String site, long offset) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", at(time));
        d.put("reason", reason);
        d.put("message", message);
        if (site != null) {
            d.put("site_id", site);
        }
        String payload = "{\"type\":\"track\",\"messageId\":\"bad-" + offset + "\"}";
        d.put("payload", payload);
        d.put("payload_bytes", payload.length());
        d.put("kafka_topic", "footfall.raw");
        d.put("kafka_partition", 0);
        d.put("kafka_offset", offset);
        out.put("footfall.raw-0-" + offset, d);
    }

    private static Map<String, Map<String, Object>> health() {
        Map<String, Map<String, Object>> r = new LinkedHashMap<>();
        // One row per site and minute in which the pipeline saw anything; events are counted
        // before deduplication (10:02 holds "Signed Up" and its retry) and include the bot.
        //                 minute   site       ev dup late inv  lagAvg lagMax
        healthRow(r, "10:00", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:01", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:02", SITE, 2, 1, 0, 0, 150, 300);
        healthRow(r, "10:03", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:05", SITE, 1, 0, 0, 2, 100, 150);
        healthRow(r, "10:10", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:11", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:12", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:13", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:30", "_unknown", 0, 0, 0, 1, 0, 0);
        healthRow(r, "10:41", SITE, 1, 0, 0, 0, 100, 150);
        healthRow(r, "10:42", SITE, 2, 0, 0, 0, 100, 150);
        healthRow(r, "10:43", SITE, 1, 0, 1, 0, 1130, 2500);
        healthRow(r, "10:44", SITE, 2, 0, 0, 0, 100, 150);
        return r;
    }

    private static void healthRow(Map<String, Map<String, Object>> out, String minute, String site, long events, long duplicates,
                                  long late, long invalid, long lagAvg, long lagMax) {
        Instant start = Instant.parse(at(minute + ":00"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", start.toString());
        d.put("site_id", site);
        d.put("events", events);
        d.put("duplicates", duplicates);
        d.put("late_events", late);
        d.put("invalid_events", invalid);
        d.put("lag_ms_avg", lagAvg);
        d.put("lag_ms_max", lagMax);
        out.put(site + ":" + start.toEpochMilli(), d);
    }

    private static String at(String time) {
        return DAY + "T" + time + "Z";
    }
}
