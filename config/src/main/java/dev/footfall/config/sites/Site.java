package dev.footfall.config.sites;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One tracked site: its id (stored on every event as {@code siteId}), the write keys that
 * authenticate its senders, the browser origins allowed to send events for it, and the time zone
 * its days are counted in (a "day" in the console's reports starts at midnight there).
 *
 * @param allowedOrigins normalized origins ({@code scheme://host[:port]}, lower case)
 * @param timezone an IANA zone such as {@code Europe/Berlin}; {@code UTC} when the file names none
 */
public record Site(String id, List<String> writeKeys, Set<String> allowedOrigins, ZoneId timezone) {

    /** The zone of a site whose entry names none. */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneOffset.UTC;

    public Site {
        Objects.requireNonNull(id, "id");
        writeKeys = List.copyOf(writeKeys);
        allowedOrigins = Set.copyOf(allowedOrigins);
        Objects.requireNonNull(timezone, "timezone");
    }

    /** A site in {@link #DEFAULT_TIMEZONE}. */
    public Site(String id, List<String> writeKeys, Set<String> allowedOrigins) {
        this(id, writeKeys, allowedOrigins, DEFAULT_TIMEZONE);
    }

    public boolean allowsOrigin(String normalizedOrigin) {
        return allowedOrigins.contains(normalizedOrigin);
    }
}
