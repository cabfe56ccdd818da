package dev.footfall.console.web;

import dev.footfall.console.auth.Access;
import dev.footfall.console.auth.LoginSessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /}: the dashboard page for a logged-in browser, the login page for anyone else.
 */
public final class HomeHandler extends Handler.Abstract.NonBlocking {

    private static final byte[] INDEX = read("index.html");

    private final LoginSessions sessions;

    public HomeHandler(LoginSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (sessions.find(Access.sessionCookie(request)).isEmpty()) {
            Response.sendRedirect(request, response, callback, 303, "/login", true);
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(INDEX), callback);
        return true;
    }

    private static byte[] read(String name) {
        try (InputStream in = HomeHandler.class.getClassLoader().getResourceAsStream(Pages.RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + Pages.RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /health}: the console is up (it says nothing about OpenSearch). */
    public static final class Health extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap("{\"status\":\"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    callback);
            return true;
        }
    }

    /** Anything else: 404. */
    public static final class NotFound extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Response.writeError(request, response, callback, 404);
            return true;
        }
    }
}
