package dev.footfall.console.auth;

import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;

/**
 * Decides who a Stats API request comes from: {@code Authorization: Bearer <key>} (a key from
 * {@link ApiKeyStore}), or the console's session cookie plus its CSRF header. The answers in words
 * close to Plausible's, so clients that show them make sense.
 */
public final class Access {

    static final String MISSING = "Missing API key. Please use a valid Footfall API key as a Bearer Token "
            + "(Authorization: Bearer <key>).";
    static final String INVALID = "Invalid API key. Please make sure you're using a valid API key; "
            + "it may have been revoked.";
    static final String CSRF = "Missing or wrong " + LoginSessions.CSRF_HEADER + " header: a request authenticated by "
            + "the console's session cookie must carry the session's CSRF token.";

    private final ApiKeyStore keys;
    private final LoginSessions sessions;

    public Access(ApiKeyStore keys, LoginSessions sessions) {
        this.keys = keys;
        this.sessions = sessions;
    }

    /** The caller, or a future failed with {@link AccessDenied} (401). */
    public CompletableFuture<Caller> caller(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
                return CompletableFuture.failedFuture(new AccessDenied(401, MISSING));
            }
            return keys.find(authorization.substring(7).trim()).thenApply(key -> key.map(Caller::new)
                    .orElseThrow(() -> new AccessDenied(401, INVALID)));
        }
        Optional<LoginSessions.Session> session = sessions.find(sessionCookie(request));
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(new AccessDenied(401, MISSING));
        }
        boolean safe = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        if (!safe && !KeyHashes.sameSecret(request.getHeaders().get(LoginSessions.CSRF_HEADER), session.get().csrfToken())) {
            return CompletableFuture.failedFuture(new AccessDenied(403, CSRF));
        }
        return CompletableFuture.completedFuture(Caller.session());
    }

    /**
     * The time zone of a site the caller may read; 403 otherwise. Unknown sites get the same
     * answer, so a key learns nothing about other sites.
     */
    public static ZoneId readableSite(Caller caller, Sites sites, String siteId) {
        Site site = sites.byId(siteId);
        if (site == null || !caller.mayRead(siteId)) {
            throw new AccessDenied(403, "This API key has no access to site '" + siteId + "'.");
        }
        return site.timezone();
    }

    public static String sessionCookie(Request request) {
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie cookie : cookies) {
            if (LoginSessions.COOKIE.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
