package dev.footfall.job.model;

/**
 * The visit attributes of the event that starts a funnel attempt, written on the attempt's
 * document so reports can filter funnels by source, device or location without a join.
 */
public record VisitAttributes(
        String pageHost,
        String source,
        String medium,
        String campaign,
        String referrerHost,
        String deviceType,
        String browser,
        String os,
        String country,
        String region) {

    public static VisitAttributes of(Enrichment x) {
        return new VisitAttributes(x.pageHost(), x.source(), x.medium(), x.campaign(), x.referrerHost(),
                x.deviceType(), x.browser(), x.os(), x.country(), x.region());
    }
}
