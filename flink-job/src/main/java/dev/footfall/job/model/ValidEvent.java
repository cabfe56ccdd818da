package dev.footfall.job.model;

import dev.footfall.event.EventType;

/**
 * An event that passed the shared rules, flattened right after validation so that Flink moves it
 * as a POJO (no Kryo, no Jackson trees between operators). Times are epoch milliseconds.
 *
 * <p>{@code pageUrl}, {@code pageSearch} and {@code referrer} are still the raw values here:
 * enrichment reads the UTM parameters from them and only stripped forms are ever written out.
 *
 * @param eventName track: the event name; page and screen: the page or screen name
 * @param interactive whether the event counts against a bounce (track events unless marked
 *     non-interactive)
 * @param visitorId the visitor key: anonymousId, else the cookieless visitor id, else userId
 * @param eventTime the clock-skew corrected event time
 * @param propertiesJson the free-form properties as JSON, null when there are none
 * @param propertiesKv {@code key=value} for each top-level scalar property
 */
public record ValidEvent(
        String siteId,
        String messageId,
        EventType type,
        String eventName,
        boolean interactive,
        String visitorId,
        String anonymousId,
        String userId,
        long eventTime,
        long receivedAt,
        String pageUrl,
        String pagePath,
        String pageSearch,
        String pageTitle,
        String referrer,
        String campaignName,
        String campaignSource,
        String campaignMedium,
        String campaignTerm,
        String campaignContent,
        String userAgent,
        String locale,
        String libraryName,
        String libraryVersion,
        String clientAddress,
        String propertiesJson,
        String[] propertiesKv,
        String traitsJson) {

    /** Page and screen views are what pageviews, entry and exit pages and bounces count. */
    public boolean isPageView() {
        return type == EventType.PAGE || type == EventType.SCREEN;
    }

    /** The key a visitor's events share everywhere in the job: site and visitor key. */
    public String visitorKey() {
        return VisitorKey.of(siteId, visitorId);
    }
}
