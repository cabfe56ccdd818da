package dev.footfall.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is logged in to the console, and the one-time login links that {@code ./footfall up}
 * prints. Kept in this console's memory, by the SHA-256 of each secret (a lookup cannot leak a
 * secret through timing, and a heap dump holds no usable one): a restart or another instance
 * means logging in again, which costs nothing compared with a shared session store.
 *
 * <p>Each session has its own CSRF token. A request authenticated by the session cookie must carry
 * it in the {@value #CSRF_HEADER} header: a page of another site can make the browser send the
 * cookie (where SameSite does not stop it), but cannot read the token to send the header.
 */
public final class LoginSessions {

    public static final String COOKIE = "footfall_session";
    public static final String CSRF_HEADER = "X-Footfall-CSRF";

    private final Clock clock;
    private final Duration sessionTtl;
    private final Duration linkTtl;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> links = new ConcurrentHashMap<>();

    /** A logged-in browser: its cookie value, its CSRF token, and when it must log in again. */
    public record Session(String id, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[expiresAt=" + expiresAt + "]";
        }
    }

    public LoginSessions(Clock clock, Duration sessionTtl, Duration linkTtl) {
        this.clock = clock;
        this.sessionTtl = sessionTtl;
        this.linkTtl = linkTtl;
    }

    public Duration sessionTtl() {
        return sessionTtl;
    }

    public Duration linkTtl() {
        return linkTtl;
    }

    /** A token for a login link that works once, within the link lifetime. */
    public String newLoginLinkToken() {
        purge();
        String token = KeyHashes.newToken("ffl_");
        links.put(KeyHashes.hash(token), clock.instant().plus(linkTtl));
        return token;
    }

    /** Logs in with a login link's token, which is used up whether or not it is still valid. */
    public Optional<Session> redeemLink(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Instant expires = links.remove(KeyHashes.hash(token));
        if (expires == null || !clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(open());
    }

    /** Logs in with the configured password; never when none is configured. */
    public Optional<Session> loginWithPassword(String given, String configured) {
        if (configured == null || configured.isEmpty() || !KeyHashes.sameSecret(given, configured)) {
            return Optional.empty();
        }
        return Optional.of(open());
    }

    /** The live session a cookie names. */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty()) {
            return Optional.empty();
        }
        Session session = sessions.get(KeyHashes.hash(cookieValue));
        if (session == null || !clock.instant().isBefore(session.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void end(String cookieValue) {
        if (cookieValue != null) {
            sessions.remove(KeyHashes.hash(cookieValue));
        }
    }

    private Session open() {
        purge();
        Session session = new Session(KeyHashes.newToken("ffs_"), KeyHashes.newToken(""), clock.instant().plus(sessionTtl));
        sessions.put(KeyHashes.hash(session.id()), session);
        return session;
    }

    private void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> !now.isBefore(s.expiresAt()));
        links.values().removeIf(expires -> !now.isBefore(expires));
    }
}
