package dev.footfall.bench.traffic;

import java.time.Instant;

/**
 * One generated event, before it is written as JSON: a page view or a custom (track) event of
 * one visitor of one site.
 *
 * @param referrer null for direct traffic
 * @param campaign index into the catalog's campaigns, or -1 for none
 * @param userId null until the visitor signed up
 */
public record SyntheticEvent(
        String type,
        BenchSites.BenchSite site,
        String anonymousId,
        String userId,
        String messageId,
        String eventName,
        String pageUrl,
        String pagePath,
        String pageTitle,
        String referrer,
        int campaign,
        String userAgent,
        String locale,
        String plan,
        Instant timestamp) {

    public boolean isPage() {
        return "page".equals(type);
    }

    /** The raw topic's record key: {@code siteId/visitorKey}. */
    public String partitionKey() {
        return site.id() + "/" + (anonymousId != null ? anonymousId : userId);
    }

    /** The same event as another event name (freshness probes carry a unique one). */
    public SyntheticEvent named(String name) {
        return new SyntheticEvent("track", site, anonymousId, userId, messageId, name, pageUrl, pagePath, pageTitle,
                referrer, campaign, userAgent, locale, plan, timestamp);
    }

    public SyntheticEvent at(Instant time) {
        return new SyntheticEvent(type, site, anonymousId, userId, messageId, eventName, pageUrl, pagePath, pageTitle,
                referrer, campaign, userAgent, locale, plan, time);
    }
}
