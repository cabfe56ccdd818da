package dev.footfall.job.sink;

import dev.footfall.definitions.Funnel;
import dev.footfall.index.DocumentIds;
import dev.footfall.index.IndexDays;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.funnel.Attempt;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.Enrichment;
import dev.footfall.job.model.HealthAccumulator;
import dev.footfall.job.model.IndexAction;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.RollupAccumulator;
import dev.footfall.job.model.SessionState;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.VisitAttributes;

/**
 * Renders every document the job writes, field for field as docs/index-schema.md lists them, and
 * wraps it in the {@link IndexAction} that names its index and deterministic id.
 */
public final class Documents {

    /** The invalid index keeps at most this much of the original record. */
    public static final int MAX_INVALID_PAYLOAD_CHARS = 32 * 1024;

    private static final long WINDOW_MS = 60_000L;

    private Documents() {
    }

    /** The event's document, with its session's id and a copy of the session's visit attributes. */
    public static IndexAction event(EnrichedEvent enriched, SessionState session) {
        ValidEvent e = enriched.event();
        Enrichment x = enriched.enrichment();
        JsonDocument doc = new JsonDocument()
                .time("@timestamp", e.eventTime())
                .time("received_at", e.receivedAt())
                .text("site_id", e.siteId())
                .text("message_id", e.messageId())
                .text("type", e.type().wireName())
                .text("event_name", e.eventName())
                .bool("interactive", e.interactive())
                .text("visitor_id", e.visitorId())
                .text("anonymous_id", e.anonymousId())
                .text("user_id", e.userId())
                .text("session_id", session.id)
                .text("page_url", x.pageUrl())
                .text("page_host", x.pageHost())
                .text("page_path", x.pagePath())
                .text("page_title", e.pageTitle())
                .text("referrer", x.referrer())
                .text("referrer_host", x.referrerHost())
                .text("source", x.source())
                .text("medium", x.medium())
                .text("campaign", x.campaign())
                .text("utm_term", x.utmTerm())
                .text("utm_content", x.utmContent())
                .text("browser", x.browser())
                .text("browser_version", x.browserVersion())
                .text("os", x.os())
                .text("os_version", x.osVersion())
                .text("device_type", x.deviceType())
                .bool("is_bot", x.bot())
                .text("country", x.country())
                .text("region", x.region())
                .text("locale", e.locale())
                .text("library_name", e.libraryName())
                .text("library_version", e.libraryVersion())
                .rawObject("properties", e.propertiesJson())
                .texts("properties_kv", e.propertiesKv())
                .rawObject("traits", e.traitsJson());
        String json = visitAttributes(doc, session, false).render();
        return IndexAction.index(eventIndex(e.eventTime()), DocumentIds.eventId(e.siteId(), e.messageId()), json);
    }

    /**
     * Brings an indexed event document in line with its session: the session it now belongs to
     * (after a merge) and the session's visit attributes (after a late event or a merge changed
     * them). Every copied attribute is sent, an absent one as {@code null}, so the update leaves
     * no stale value behind whatever the document held.
     */
    public static IndexAction eventSessionChange(String messageId, long eventTime, SessionState session) {
        JsonDocument doc = new JsonDocument().text("session_id", session.id);
        String json = visitAttributes(doc, session, true).render();
        return IndexAction.update(eventIndex(eventTime), DocumentIds.eventId(session.siteId, messageId), json);
    }

    /** The session's attributes every event document carries a copy of (docs/index-schema.md). */
    private static JsonDocument visitAttributes(JsonDocument doc, SessionState s, boolean nulls) {
        return doc
                .text("visit_source", s.source, nulls)
                .text("visit_medium", s.medium, nulls)
                .text("visit_campaign", s.campaign, nulls)
                .text("visit_referrer", s.referrer, nulls)
                .text("visit_referrer_host", s.referrerHost, nulls)
                .text("visit_utm_content", s.utmContent, nulls)
                .text("visit_utm_term", s.utmTerm, nulls)
                .text("visit_entry_page", s.entryPage, nulls)
                .text("visit_device_type", s.deviceType, nulls)
                .text("visit_browser", s.browser, nulls)
                .text("visit_os", s.os, nulls)
                .text("visit_country", s.country, nulls);
    }

    public static String eventIndex(long eventTime) {
        return IndexFamily.EVENTS.dailyIndex(eventTime);
    }

    public static IndexAction session(SessionState s, long updatedAt) {
        String json = new JsonDocument()
                .time("@timestamp", s.start)
                .text("session_id", s.id)
                .text("site_id", s.siteId)
                .text("visitor_id", s.visitorId)
                .text("user_id", s.userId)
                .time("start", s.start)
                .time("end", s.end)
                .number("duration_seconds", (s.end - s.start) / 1000)
                .number("pageviews", s.pageviews)
                .number("events", s.events)
                .text("entry_page", s.entryPage)
                .text("exit_page", s.exitPage)
                .bool("is_bounce", s.isBounce())
                .text("source", s.source)
                .text("medium", s.medium)
                .text("campaign", s.campaign)
                .text("referrer", s.referrer)
                .text("referrer_host", s.referrerHost)
                .text("utm_content", s.utmContent)
                .text("utm_term", s.utmTerm)
                .text("device_type", s.deviceType)
                .text("browser", s.browser)
                .text("os", s.os)
                .text("country", s.country)
                .text("region", s.region)
                .bool("is_bot", s.bot)
                .bool("is_open", !s.closed)
                .time("updated_at", updatedAt)
                .texts("pages", s.pages)
                .texts("event_names", s.eventNames)
                .texts("hostnames", s.hostnames)
                .texts("props_kv", s.propsKv)
                .bool("lists_complete", s.listsComplete)
                .render();
        return IndexAction.index(sessionIndex(s.start), s.id, json);
    }

    public static IndexAction sessionDeletion(String sessionId, long start) {
        return IndexAction.delete(sessionIndex(start), sessionId);
    }

    public static String sessionIndex(long start) {
        return IndexFamily.SESSIONS.dailyIndex(start);
    }

    public static IndexAction rollup(RollupAccumulator row, long windowStart, long updatedAt) {
        String json = new JsonDocument()
                .time("@timestamp", windowStart)
                .time("window_end", windowStart + WINDOW_MS)
                .text("site_id", row.siteId)
                .text("dimension", row.dimension)
                .text("key", row.key)
                .number("pageviews", row.pageviews)
                .number("events", row.events)
                .number("sessions", row.sessions)
                .number("bounces", row.bounces)
                .time("updated_at", updatedAt)
                .render();
        return IndexAction.index(IndexFamily.ROLLUPS.dailyIndex(windowStart),
                DocumentIds.rollupId(row.siteId, windowStart, row.dimension, row.key), json);
    }

    public static IndexAction health(HealthAccumulator row, long windowStart) {
        JsonDocument doc = new JsonDocument()
                .time("@timestamp", windowStart)
                .text("site_id", row.siteId)
                .number("events", row.events)
                .number("duplicates", row.duplicates)
                .number("late_events", row.lateEvents)
                .number("invalid_events", row.invalidEvents);
        if (row.lagCount > 0) {
            // A window with only invalid or late events measured no lag: a 0 would pull averages down.
            doc.number("lag_ms_avg", row.lagAverage()).number("lag_ms_max", row.lagMax);
        }
        String json = doc.render();
        return IndexAction.index(IndexFamily.HEALTH.dailyIndex(windowStart),
                DocumentIds.healthId(row.siteId, windowStart), json);
    }

    /**
     * One conversion of a goal: the event's time and visit attributes, so conversions are counted
     * and filtered from this index alone.
     *
     * @param idPrefix {@link DocumentIds#goalIdPrefix} of the site and goal, computed once per definition
     */
    public static IndexAction goal(EnrichedEvent enriched, String goalName, String goalId, String idPrefix,
            String page) {
        ValidEvent e = enriched.event();
        Enrichment x = enriched.enrichment();
        String json = new JsonDocument()
                .time("@timestamp", e.eventTime())
                .text("site_id", e.siteId())
                .text("goal", goalName)
                .text("goal_id", goalId)
                .text("message_id", e.messageId())
                .text("type", e.type().wireName())
                .text("event_name", e.isPageView() ? null : e.eventName())
                .text("visitor_id", e.visitorId())
                .text("user_id", e.userId())
                .text("page", page)
                .text("page_host", x.pageHost())
                .text("source", x.source())
                .text("medium", x.medium())
                .text("campaign", x.campaign())
                .text("utm_term", x.utmTerm())
                .text("utm_content", x.utmContent())
                .text("referrer_host", x.referrerHost())
                .text("device_type", x.deviceType())
                .text("browser", x.browser())
                .text("os", x.os())
                .text("country", x.country())
                .text("region", x.region())
                .texts("properties_kv", e.propertiesKv())
                .render();
        return IndexAction.index(IndexFamily.GOALS.dailyIndex(e.eventTime()), idPrefix + e.messageId(), json);
    }

    /** One funnel attempt of a visitor, in the daily index of its start. */
    public static IndexAction funnelAttempt(String siteId, String visitorId, Funnel funnel, String funnelId,
            Attempt attempt, VisitAttributes start) {
        String[] stepTimes = new String[attempt.stepTimes().length];
        for (int i = 0; i < stepTimes.length; i++) {
            stepTimes[i] = IndexDays.timestamp(attempt.stepTimes()[i]);
        }
        JsonDocument doc = new JsonDocument()
                .time("@timestamp", attempt.startTime())
                .text("site_id", siteId)
                .text("funnel", funnel.name())
                .text("funnel_id", funnelId)
                .text("visitor_id", visitorId)
                .text("order", funnel.order().wireName())
                .number("steps", funnel.steps().size())
                .number("step_reached", attempt.level())
                .bool("completed", attempt.completed())
                .texts("step_times", stepTimes)
                .time("reached_at", attempt.stepTimes()[attempt.level() - 1])
                .number("seconds_to_reach", (attempt.stepTimes()[attempt.level() - 1] - attempt.startTime()) / 1000);
        if (start != null) {
            doc.text("page_host", start.pageHost())
                    .text("source", start.source())
                    .text("medium", start.medium())
                    .text("campaign", start.campaign())
                    .text("referrer_host", start.referrerHost())
                    .text("device_type", start.deviceType())
                    .text("browser", start.browser())
                    .text("os", start.os())
                    .text("country", start.country())
                    .text("region", start.region());
        }
        return IndexAction.index(IndexFamily.FUNNELS.dailyIndex(attempt.startTime()),
                funnelAttemptId(siteId, visitorId, funnel, funnelId, attempt.startId()), doc.render());
    }

    /** Removes an attempt that a late event turned into another one. */
    public static IndexAction funnelAttemptDeletion(String siteId, String visitorId, Funnel funnel, String funnelId,
            long startId, long startTime) {
        return IndexAction.delete(IndexFamily.FUNNELS.dailyIndex(startTime),
                funnelAttemptId(siteId, visitorId, funnel, funnelId, startId));
    }

    private static String funnelAttemptId(String siteId, String visitorId, Funnel funnel, String funnelId,
            long startId) {
        return DocumentIds.funnelAttemptId(siteId, funnel.name(), funnelId, visitorId, startId);
    }

    public static IndexAction invalid(InvalidEvent e) {
        String payload = e.payload();
        if (payload != null && payload.length() > MAX_INVALID_PAYLOAD_CHARS) {
            int cut = MAX_INVALID_PAYLOAD_CHARS;
            if (Character.isHighSurrogate(payload.charAt(cut - 1))) {
                cut--; // never split a surrogate pair: half a character is not text
            }
            payload = payload.substring(0, cut);
        }
        String json = new JsonDocument()
                .time("@timestamp", e.timestamp())
                .text("reason", e.reason())
                .text("message", e.message())
                .text("site_id", e.siteId())
                .text("anonymous_id", e.anonymousId())
                .text("user_id", e.userId())
                .text("visitor_id", e.visitorId())
                .text("payload", payload)
                .number("payload_bytes", e.payloadBytes())
                .text("kafka_topic", e.topic())
                .number("kafka_partition", e.partition())
                .number("kafka_offset", e.offset())
                .render();
        return IndexAction.index(IndexFamily.INVALID.dailyIndex(e.timestamp()),
                DocumentIds.invalidId(e.topic(), e.partition(), e.offset()), json);
    }
}
