package dev.footfall.console.auth;

import java.time.Instant;
import java.util.List;

/**
 * A Stats API key as stored: never the key itself, only its hash (the document id) and what it
 * grants.
 *
 * @param id        a short handle for listing and revoking (the first hex digits of the hash)
 * @param sites     the site ids it reads
 * @param revokedAt null while the key works
 */
public record ApiKey(String id, String name, List<String> sites, Instant createdAt, Instant revokedAt) {

    public ApiKey {
        sites = List.copyOf(sites);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public boolean covers(String siteId) {
        return sites.contains(siteId);
    }
}
