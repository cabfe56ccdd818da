package dev.footfall.console.auth;

/**
 * Who sent a request: an API key (reads the sites it covers) or a logged-in console session
 * (reads every site).
 *
 * @param key null for a console session
 */
public record Caller(ApiKey key) {

    public static Caller session() {
        return new Caller(null);
    }

    public boolean mayRead(String siteId) {
        return key == null || key.covers(siteId);
    }
}
