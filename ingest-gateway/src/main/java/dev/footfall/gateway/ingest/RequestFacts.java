package dev.footfall.gateway.ingest;

import dev.footfall.gateway.privacy.ClientAddress;
import java.time.Instant;

/**
 * What the HTTP layer knows about a request besides its body.
 *
 * @param requestWriteKey the write key from HTTP Basic auth or the query string, or null
 * @param origin the normalized {@code Origin} header, or null (server-side senders send none)
 * @param userAgent the {@code User-Agent} header, or null
 */
public record RequestFacts(
        String requestWriteKey, String origin, ClientAddress address, String userAgent, Instant receivedAt) {
}
