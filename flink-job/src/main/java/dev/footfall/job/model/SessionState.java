package dev.footfall.job.model;

import java.util.Arrays;

/**
 * One session of a visitor as the sessionizer keeps it. A mutable POJO (public fields, no-argument
 * constructor) so Flink serializes it without Kryo; the methods hold the rules for combining
 * events and sessions, independent of Flink.
 *
 * <p>Everything "of the first event" (traffic source, device, location) follows the earliest event
 * by event time, so a late event that moves the start also moves those attributes.
 */
public class SessionState {

    /** Marks a time that is not set (no page view yet, nothing counted yet). */
    public static final long NONE = Long.MIN_VALUE;

    public String id;
    public String siteId;
    public String visitorId;
    public long start;
    public long end;
    public int pageviews;
    public int events;
    public int interactiveEvents;
    public String entryPage;
    public long entryPageTime = NONE;
    public String exitPage;
    public long exitPageTime = NONE;
    public String userId;
    public long userIdTime = NONE;
    public String source;
    public String medium;
    public String campaign;
    public String referrer;
    public String referrerHost;
    public String deviceType;
    public String browser;
    public String os;
    public String country;
    public String region;
    public boolean bot;
    /** The watermark passed the end plus the gap: no on-time event can extend it any more. */
    public boolean closed;
    /** Changed since its document was last written. */
    public boolean dirty;
    /** The start at which this session was counted in the rollups, or {@link #NONE}. */
    public long countedStart = NONE;
    /** The start at which this session was counted as a bounce, or {@link #NONE}. */
    public long countedBounceStart = NONE;
    /** The start whose day names the index the session document was (or may have been) written to. */
    public long indexedStart = NONE;
    /** Message id and event time of each event in this session, packed ({@link EventRefs}). */
    public byte[] eventRefs = EventRefs.NONE;
    /** The bytes of {@link #eventRefs} in use. */
    public int eventRefsSize;

    public SessionState() {
    }

    /** A new session opened by its first event. */
    public static SessionState open(String id, EnrichedEvent first) {
        SessionState s = new SessionState();
        s.id = id;
        s.siteId = first.event().siteId();
        s.visitorId = first.event().visitorId();
        s.start = first.event().eventTime();
        s.end = s.start;
        s.takeFirstEventAttributes(first);
        s.add(first);
        return s;
    }

    /** Whether an event at {@code time} belongs to this session: less than one gap from it. */
    public boolean touches(long time, long gapMs) {
        return time > start - gapMs && time < end + gapMs;
    }

    /** Adds one event. */
    public void add(EnrichedEvent enriched) {
        ValidEvent e = enriched.event();
        long t = e.eventTime();
        if (t < start) {
            start = t;
            takeFirstEventAttributes(enriched);
        }
        end = Math.max(end, t);
        events++;
        if (e.interactive()) {
            interactiveEvents++;
        }
        if (e.isPageView()) {
            pageviews++;
            String page = pageOf(enriched);
            if (entryPageTime == NONE || t < entryPageTime) {
                entryPage = page;
                entryPageTime = t;
            }
            if (t >= exitPageTime) {
                exitPage = page;
                exitPageTime = t;
            }
        }
        if (e.userId() != null && t >= userIdTime) {
            userId = e.userId();
            userIdTime = t;
        }
        bot |= enriched.enrichment().bot();
        closed = false;
        dirty = true;
    }

    /** Takes in every event of another session of the same visitor (a late event bridged the two). */
    public void merge(SessionState other) {
        if (other.start < start) {
            source = other.source;
            medium = other.medium;
            campaign = other.campaign;
            referrer = other.referrer;
            referrerHost = other.referrerHost;
            deviceType = other.deviceType;
            browser = other.browser;
            os = other.os;
            country = other.country;
            region = other.region;
            start = other.start;
        }
        end = Math.max(end, other.end);
        events += other.events;
        pageviews += other.pageviews;
        interactiveEvents += other.interactiveEvents;
        if (other.entryPageTime != NONE && (entryPageTime == NONE || other.entryPageTime < entryPageTime)) {
            entryPage = other.entryPage;
            entryPageTime = other.entryPageTime;
        }
        if (other.exitPageTime != NONE && other.exitPageTime > exitPageTime) {
            exitPage = other.exitPage;
            exitPageTime = other.exitPageTime;
        }
        if (other.userId != null && other.userIdTime > userIdTime) {
            userId = other.userId;
            userIdTime = other.userIdTime;
        }
        bot |= other.bot;
        closed = false;
        dirty = true;
        eventRefs = Arrays.copyOf(eventRefs, Math.max(eventRefs.length, eventRefsSize + other.eventRefsSize));
        System.arraycopy(other.eventRefs, 0, eventRefs, eventRefsSize, other.eventRefsSize);
        eventRefsSize += other.eventRefsSize;
    }

    /** Remembers that an event's document was written with this session's id. */
    public void addEventRef(String messageId, long eventTime) {
        eventRefs = EventRefs.add(eventRefs, eventRefsSize, messageId, eventTime);
        eventRefsSize += EventRefs.entrySize(messageId);
    }

    /** The events written with this session's id (including those of sessions merged into it). */
    public void forEachEventRef(EventRefs.Visitor visitor) throws Exception {
        EventRefs.forEach(eventRefs, eventRefsSize, visitor);
    }

    /** Plausible's definition: exactly one page view and no interactive custom event. */
    public boolean isBounce() {
        return pageviews == 1 && interactiveEvents == 0;
    }

    /** The last event time at which the watermark may pass before the session closes. */
    public long closeAt(long gapMs) {
        return end + gapMs - 1;
    }

    /** When a closed session is forgotten: late events up to the allowed lateness may still reopen it. */
    public long forgetAt(long gapMs, long allowedLatenessMs) {
        return closeAt(gapMs) + allowedLatenessMs;
    }

    /** The time the keyed timer for this session must fire: its close, or once closed, its cleanup. */
    public long nextTimer(long gapMs, long allowedLatenessMs) {
        return closed ? forgetAt(gapMs, allowedLatenessMs) : closeAt(gapMs);
    }

    private void takeFirstEventAttributes(EnrichedEvent first) {
        Enrichment x = first.enrichment();
        source = x.source();
        medium = x.medium();
        campaign = x.campaign();
        referrer = x.referrer();
        referrerHost = x.referrerHost();
        deviceType = x.deviceType();
        browser = x.browser();
        os = x.os();
        country = x.country();
        region = x.region();
    }

    /** A page view's page: the path, else (screens in apps) the screen name. */
    public static String pageOf(EnrichedEvent e) {
        if (e.enrichment().pagePath() != null) {
            return e.enrichment().pagePath();
        }
        return e.event().eventName();
    }
}
