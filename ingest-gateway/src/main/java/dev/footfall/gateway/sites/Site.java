package dev.footfall.gateway.sites;

import java.util.List;
import java.util.Set;

/**
 * One tracked site: its id (stored on every event as {@code siteId}), the write keys that
 * authenticate its senders, and the browser origins allowed to send events for it.
 *
 * @param allowedOrigins normalized origins ({@code scheme://host[:port]}, lower case)
 */
public record Site(String id, List<String> writeKeys, Set<String> allowedOrigins) {

    public Site {
        writeKeys = List.copyOf(writeKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
    }

    public boolean allowsOrigin(String normalizedOrigin) {
        return allowedOrigins.contains(normalizedOrigin);
    }
}
