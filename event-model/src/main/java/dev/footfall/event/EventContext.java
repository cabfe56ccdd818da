package dev.footfall.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code context}: the well-known Segment context fields, typed, plus every other key the client
 * sent, kept as it came in {@link #other()} so nothing is lost on the way through.
 *
 * @param ip a client address; after the gateway this is only ever a truncated address
 */
public record EventContext(
        PageContext page,
        Campaign campaign,
        Library library,
        Screen screen,
        String userAgent,
        String locale,
        String timezone,
        String ip,
        ObjectNode other) {

    public static final EventContext EMPTY =
            new EventContext(null, null, null, null, null, null, null, null, null);

    public EventContext {
        other = other == null ? JsonNodeFactory.instance.objectNode() : other;
    }

    public EventContext withUserAgent(String value) {
        return new EventContext(page, campaign, library, screen, value, locale, timezone, ip, other);
    }

    public EventContext withIp(String value) {
        return new EventContext(page, campaign, library, screen, userAgent, locale, timezone, value, other);
    }

    public EventContext withPage(PageContext value) {
        return new EventContext(value, campaign, library, screen, userAgent, locale, timezone, ip, other);
    }
}
