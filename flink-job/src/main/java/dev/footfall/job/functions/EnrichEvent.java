package dev.footfall.job.functions;

import dev.footfall.job.enrich.DeviceInfo;
import dev.footfall.job.enrich.GeoLocator;
import dev.footfall.job.enrich.Location;
import dev.footfall.job.enrich.TrafficSource;
import dev.footfall.job.enrich.TrafficSources;
import dev.footfall.job.enrich.Url;
import dev.footfall.job.enrich.UserAgentClassifier;
import dev.footfall.job.model.EnrichedEvent;
import dev.footfall.job.model.Enrichment;
import dev.footfall.job.model.ValidEvent;
import java.util.Map;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;

/**
 * Adds what the job derives from an event: page and referrer without query strings, traffic
 * source and medium, browser, OS, device type and bot flag, and (with a GeoIP database) country
 * and region. Stateless; a failure to understand a field leaves that field unknown.
 */
public class EnrichEvent extends RichMapFunction<ValidEvent, EnrichedEvent> {

    private static final long serialVersionUID = 1L;

    private final String geoIpDatabase;

    private transient UserAgentClassifier userAgents;
    private transient GeoLocator geo;

    /** @param geoIpDatabase path of a MaxMind-format database, or null for no locations */
    public EnrichEvent(String geoIpDatabase) {
        this.geoIpDatabase = geoIpDatabase;
    }

    @Override
    public void open(Configuration parameters) {
        userAgents = UserAgentClassifier.shared();
        geo = geoIpDatabase == null ? GeoLocator.NONE : GeoLocator.open(geoIpDatabase);
    }

    @Override
    public void close() throws Exception {
        if (geo != null) {
            geo.close();
        }
    }

    @Override
    public EnrichedEvent map(ValidEvent e) {
        return new EnrichedEvent(e, enrich(e, userAgents.classify(e.userAgent()), geo.locate(e.clientAddress())));
    }

    static Enrichment enrich(ValidEvent e, DeviceInfo device, Location location) {
        Url page = Url.parse(e.pageUrl());
        Url referrer = Url.parse(e.referrer());
        String pagePath = page != null && page.host() != null ? page.path() : pathOnly(e.pagePath());
        String pageHost = page == null ? null : page.host();
        Map<String, String> parameters = page != null && page.query() != null
                ? page.parameters() : Url.parameters(e.pageSearch());
        TrafficSource source = TrafficSources.classify(e.campaignName(), e.campaignSource(), e.campaignMedium(),
                e.campaignTerm(), e.campaignContent(), parameters, pageHost, referrer);
        return new Enrichment(
                page == null || page.host() == null ? null : page.withoutQuery(),
                pageHost,
                pagePath,
                referrer == null || referrer.host() == null ? null : referrer.withoutQuery(),
                referrer == null ? null : referrer.host(),
                source.source(),
                source.medium(),
                source.campaign(),
                source.term(),
                source.content(),
                device.browser(),
                device.browserVersion(),
                device.os(),
                device.osVersion(),
                device.deviceType(),
                device.bot(),
                location.country(),
                location.region());
    }

    /** {@code context.page.path} as sent, minus any query string or fragment a client left in. */
    private static String pathOnly(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Url parsed = Url.parse(path);
        return parsed == null ? null : parsed.path();
    }
}
