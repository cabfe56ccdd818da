package dev.footfall.job.model;

/**
 * What the job derives from an event: the page and referrer without query strings, the traffic
 * source, the parsed user agent and, when a GeoIP database is configured, the location.
 *
 * @param deviceType {@code desktop}, {@code mobile}, {@code tablet}, {@code bot} or {@code other}
 * @param region ISO 3166-2 subdivision code (e.g. {@code US-CA}), only with a city database
 */
public record Enrichment(
        String pageUrl,
        String pageHost,
        String pagePath,
        String referrer,
        String referrerHost,
        String source,
        String medium,
        String campaign,
        String utmTerm,
        String utmContent,
        String browser,
        String browserVersion,
        String os,
        String osVersion,
        String deviceType,
        boolean bot,
        String country,
        String region) {
}
