package dev.footfall.job.model;

import dev.footfall.event.EventType;
import java.util.Arrays;
import java.util.Objects;

/**
 * One session of a visitor as the sessionizer keeps it. A mutable POJO (public fields, no-argument
 * constructor) so Flink serializes it without Kryo; the methods hold the rules for combining
 * events and sessions, independent of Flink.
 *
 * <p>Everything "of the first event" (traffic source, device, location) follows the earliest event
 * by event time, so a late event that moves the start also moves those attributes. Those and the
 * entry page are the visit's attributes that every event document carries a copy of;
 * {@link #visitAttributesVersion} changes whenever one of them does, so the sessionizer knows
 * when the copies need rewriting.
 *
 * <p>The lists of what the visit's events were (pages, custom event names, hosts, custom
 * properties) keep their first {@link #MAX_LIST_VALUES} distinct values each.
 */
public class SessionState {

    /** Marks a time that is not set (no page view yet, nothing counted yet). */
    public static final long NONE = Long.MIN_VALUE;

    /** The most distinct values each list of the visit's events keeps (docs/index-schema.md). */
    public static final int MAX_LIST_VALUES = 100;

    private static final String[] NO_VALUES = new String[0];

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
    public String utmContent;
    public String utmTerm;
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
    /**
     * Changes whenever an attribute that event documents copy changes (source, medium, campaign,
     * referrer, UTM content and term, device, browser, OS, country, entry page). Compared before
     * and after an event or a merge; its value means nothing else.
     */
    public int visitAttributesVersion;
    /** Distinct paths (or screen names) of the page views, in the order first seen. */
    public String[] pages = NO_VALUES;
    /** Distinct names of the custom ({@code track}) events. */
    public String[] eventNames = NO_VALUES;
    /** Distinct page hosts of the events. */
    public String[] hostnames = NO_VALUES;
    /** Distinct {@code key=value} entries of the custom events' properties. */
    public String[] propsKv = NO_VALUES;
    /**
     * Whether the four lists hold every value. False when a list was full, and for a session
     * restored from a version that kept no lists (the field did not exist, so it keeps its default).
     */
    public boolean listsComplete;

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
        s.listsComplete = true;
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
                setEntryPage(page, t);
            }
            if (t >= exitPageTime) {
                exitPage = page;
                exitPageTime = t;
            }
            pages = listed(pages, page);
            hostnames = listed(hostnames, enriched.enrichment().pageHost());
        } else if (e.type() == EventType.TRACK) {
            // The events the Stats API counts are page views and custom events; identify, group
            // and alias are not events there, so they add nothing to what a visit's events were.
            eventNames = listed(eventNames, e.eventName());
            String[] kv = e.propertiesKv();
            if (kv != null) {
                for (String entry : kv) {
                    propsKv = listed(propsKv, entry);
                }
            }
            hostnames = listed(hostnames, enriched.enrichment().pageHost());
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
            setFirstEventAttributes(other.source, other.medium, other.campaign, other.referrer, other.referrerHost,
                    other.utmContent, other.utmTerm, other.deviceType, other.browser, other.os, other.country,
                    other.region);
            start = other.start;
        }
        end = Math.max(end, other.end);
        events += other.events;
        pageviews += other.pageviews;
        interactiveEvents += other.interactiveEvents;
        if (other.entryPageTime != NONE && (entryPageTime == NONE || other.entryPageTime < entryPageTime)) {
            setEntryPage(other.entryPage, other.entryPageTime);
        }
        listsComplete &= other.listsComplete;
        for (String page : other.pages) {
            pages = listed(pages, page);
        }
        for (String name : other.eventNames) {
            eventNames = listed(eventNames, name);
        }
        for (String host : other.hostnames) {
            hostnames = listed(hostnames, host);
        }
        for (String entry : other.propsKv) {
            propsKv = listed(propsKv, entry);
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

    /** Remembers that an event's document was written with the id of the visit this state holds. */
    public void addEventRef(String messageId, long eventTime) {
        eventRefs = EventRefs.add(eventRefs, eventRefsSize, messageId, eventTime);
        eventRefsSize += EventRefs.entrySize(messageId);
    }

    /**
     * The events written with the id of the visit this state holds (including those of visits merged
     * into it), from a point on: {@code from} is an {@link #eventRefsSize} read earlier (0 for all), so
     * {@code forEachEventRef(sizeBeforeMerge, ...)} visits the references a merge added.
     */
    public void forEachEventRef(int from, EventRefs.Visitor visitor) throws Exception {
        EventRefs.forEach(eventRefs, from, eventRefsSize, visitor);
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
        setFirstEventAttributes(x.source(), x.medium(), x.campaign(), x.referrer(), x.referrerHost(), x.utmContent(),
                x.utmTerm(), x.deviceType(), x.browser(), x.os(), x.country(), x.region());
    }

    private void setFirstEventAttributes(String source, String medium, String campaign, String referrer,
            String referrerHost, String utmContent, String utmTerm, String deviceType, String browser, String os,
            String country, String region) {
        // Region is not copied onto events, so it alone does not make their copies stale.
        if (!(Objects.equals(this.source, source) && Objects.equals(this.medium, medium)
                && Objects.equals(this.campaign, campaign) && Objects.equals(this.referrer, referrer)
                && Objects.equals(this.referrerHost, referrerHost) && Objects.equals(this.utmContent, utmContent)
                && Objects.equals(this.utmTerm, utmTerm) && Objects.equals(this.deviceType, deviceType)
                && Objects.equals(this.browser, browser) && Objects.equals(this.os, os)
                && Objects.equals(this.country, country))) {
            visitAttributesVersion++;
        }
        this.source = source;
        this.medium = medium;
        this.campaign = campaign;
        this.referrer = referrer;
        this.referrerHost = referrerHost;
        this.utmContent = utmContent;
        this.utmTerm = utmTerm;
        this.deviceType = deviceType;
        this.browser = browser;
        this.os = os;
        this.country = country;
        this.region = region;
    }

    private void setEntryPage(String page, long time) {
        if (!Objects.equals(entryPage, page)) {
            visitAttributesVersion++;
        }
        entryPage = page;
        entryPageTime = time;
    }

    /**
     * {@code values} with {@code value} added if it is new and there is room; a value that finds
     * the list full marks the lists incomplete. Lists are short (a visit sees a few pages), so a
     * scan beats a set, and an array is what Flink's POJO serializer writes cheapest.
     */
    private String[] listed(String[] values, String value) {
        if (value == null) {
            return values;
        }
        for (String v : values) {
            if (v.equals(value)) {
                return values;
            }
        }
        if (values.length >= MAX_LIST_VALUES) {
            listsComplete = false;
            return values;
        }
        String[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }

    /** A page view's page: the path, else (screens in apps) the screen name. */
    public static String pageOf(EnrichedEvent e) {
        if (e.enrichment().pagePath() != null) {
            return e.enrichment().pagePath();
        }
        return e.event().eventName();
    }
}
