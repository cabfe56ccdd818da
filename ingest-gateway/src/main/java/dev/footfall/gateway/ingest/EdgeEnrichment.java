package dev.footfall.gateway.ingest;

import dev.footfall.config.sites.Site;
import dev.footfall.event.Envelope;
import dev.footfall.event.EventContext;
import dev.footfall.event.TrackedEvent;
import dev.footfall.event.TrackedEventBuilder;
import dev.footfall.gateway.privacy.CookielessVisitorIds;
import dev.footfall.gateway.privacy.IpAddresses;

/**
 * What the gateway adds to an event at the edge: the envelope (receipt time, site, truncated
 * client address, cookieless visitor id), a message id when the client sent none (a client's
 * own id is kept: it is the deduplication key), the user agent from the request header when the
 * event has none and the request comes from a browser (not from a server SDK), and a truncated
 * {@code context.ip}.
 *
 * <p>The cookieless visitor id is given only to events with neither an {@code anonymousId} nor a
 * {@code userId}: an event with a user id is keyed by it, while a hash of a server-side SDK's
 * own address and user agent would merge all of that server's users into one visitor.
 */
final class EdgeEnrichment {

    private final CookielessVisitorIds visitorIds;

    EdgeEnrichment(CookielessVisitorIds visitorIds) {
        this.visitorIds = visitorIds;
    }

    /** Per request: the visitor id is computed at most once, and only if an event needs it. */
    final class ForRequest {
        private final Site site;
        private final RequestFacts facts;
        private String visitorId;

        ForRequest(Site site, RequestFacts facts) {
            this.site = site;
            this.facts = facts;
        }

        TrackedEvent enrich(TrackedEvent event) {
            TrackedEventBuilder b = event.toBuilder();
            if (event.messageId() == null) {
                b.messageId(MessageIds.next());
            }
            EventContext context = event.context();
            // A request with a write key outside its body and no Origin comes from a server-side SDK:
            // its User-Agent names the SDK, not the visitor's browser, and would mark real orders as
            // bot traffic. Browsers send Origin with every POST, and browser SDKs (analytics-next,
            // RudderStack's) send HTTP Basic too, so the Origin is what tells a browser.
            if (context.userAgent() == null && facts.userAgent() != null
                    && (facts.origin() != null || facts.requestWriteKey() == null)) {
                context = context.withUserAgent(facts.userAgent());
            }
            if (context.ip() != null) {
                byte[] sent = IpAddresses.parse(context.ip());
                context = context.withIp(sent == null ? null : IpAddresses.truncate(sent));
            }
            b.context(context);
            String visitor = event.anonymousId() == null && event.userId() == null ? visitorId() : null;
            b.envelope(new Envelope(facts.receivedAt(), site.id(), facts.address().truncated(), visitor));
            return b.build();
        }

        private String visitorId() {
            if (visitorId == null) {
                visitorId = visitorIds.visitorId(site.id(), facts.address(), facts.userAgent());
            }
            return visitorId;
        }
    }

    ForRequest forRequest(Site site, RequestFacts facts) {
        return new ForRequest(site, facts);
    }
}
