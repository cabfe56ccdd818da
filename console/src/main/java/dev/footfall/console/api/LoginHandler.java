package dev.footfall.console.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.console.auth.Access;
import dev.footfall.console.auth.LoginSessions;
import dev.footfall.console.web.Pages;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The console's login: {@code GET /login} shows the password form, {@code POST /login} checks the
 * configured password, {@code GET /login?token=...} redeems a one-time link, {@code POST /logout}
 * ends the session, and {@code GET /api/console/session} tells a logged-in page its CSRF token and
 * sites. A session lives in an HttpOnly, Secure, SameSite=Strict cookie.
 */
public final class LoginHandler extends Handler.Abstract.NonBlocking {

    public static final String LOGIN = "/login";
    public static final String LOGOUT = "/logout";
    public static final String SESSION = "/api/console/session";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoginSessions sessions;
    private final String password;
    private final Sites sites;

    /** @param password the configured console password; empty when only login links work */
    public LoginHandler(LoginSessions sessions, String password, Sites sites) {
        this.sessions = sessions;
        this.password = password == null ? "" : password;
        this.sites = sites;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        // The whole path: a path-mapping handler hands its handlers the path within the matched spec.
        String path = request.getHttpURI().getDecodedPath();
        boolean post = HttpMethod.POST.is(request.getMethod());
        switch (path) {
            case LOGIN -> {
                if (post) {
                    passwordLogin(request, response, callback);
                } else {
                    linkOrForm(request, response, callback);
                }
            }
            case LOGOUT -> {
                if (!post) {
                    response.getHeaders().put("Allow", "POST");
                    JsonResponses.error(response, callback, 405, "Log out with POST.");
                    return true;
                }
                sessions.end(Access.sessionCookie(request));
                Response.addCookie(response, cookie("", 0));
                Response.sendRedirect(request, response, callback, 303, LOGIN, true);
            }
            case SESSION -> sessionInfo(request, response, callback);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void linkOrForm(Request request, Response response, Callback callback) {
        String token = Request.extractQueryParameters(request).getValue("token");
        if (token == null) {
            page(response, callback, 200, null);
            return;
        }
        Optional<LoginSessions.Session> session = sessions.redeemLink(token);
        if (session.isEmpty()) {
            page(response, callback, 401, "This login link is invalid, expired or already used. "
                    + "Restart ./footfall up for a new one, or log in with the console password.");
            return;
        }
        start(request, response, callback, session.get());
    }

    private void passwordLogin(Request request, Response response, Callback callback) {
        FormFields.from(request, 8, 4096).whenComplete((fields, failure) -> {
            if (failure != null) {
                page(response, callback, 400, "The login form could not be read.");
                return;
            }
            Fields.Field given = fields.get("password");
            Optional<LoginSessions.Session> session =
                    sessions.loginWithPassword(given == null ? null : given.getValue(), password);
            if (session.isEmpty()) {
                page(response, callback, 401, password.isEmpty()
                        ? "No console password is configured (FOOTFALL_CONSOLE_PASSWORD); use the login link that "
                                + "./footfall up prints."
                        : "Wrong password.");
                return;
            }
            start(request, response, callback, session.get());
        });
    }

    private void start(Request request, Response response, Callback callback, LoginSessions.Session session) {
        Response.addCookie(response, cookie(session.id(), sessions.sessionTtl().toSeconds()));
        Response.sendRedirect(request, response, callback, 303, "/", true);
    }

    private void sessionInfo(Request request, Response response, Callback callback) {
        Optional<LoginSessions.Session> session = sessions.find(Access.sessionCookie(request));
        if (session.isEmpty()) {
            JsonResponses.error(response, callback, 401, "Not logged in.");
            return;
        }
        ObjectNode body = JSON.createObjectNode().put("csrf_token", session.get().csrfToken())
                .put("csrf_header", LoginSessions.CSRF_HEADER);
        ArrayNode list = body.putArray("sites");
        for (Site site : sites.all()) {
            list.addObject().put("id", site.id()).put("timezone", site.timezone().getId());
        }
        JsonResponses.send(response, callback, 200, body);
    }

    private static HttpCookie cookie(String value, long maxAgeSeconds) {
        // Secure: browsers keep such cookies on https and on localhost; anywhere else the console
        // belongs behind TLS (docs/console.md).
        return HttpCookie.build(LoginSessions.COOKIE, value)
                .path("/")
                .httpOnly(true)
                .secure(true)
                .sameSite(HttpCookie.SameSite.STRICT)
                .maxAge(maxAgeSeconds)
                .build();
    }

    private static void page(Response response, Callback callback, int status, String message) {
        JsonResponses.send(response, callback, status, Pages.login(message), "text/html");
    }
}
