package dev.footfall.tracker.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site that embeds the tracker: serves test pages from its own origin (another port than the
 * collector's, so every request the tracker makes is cross-origin, as on a real site). A fresh
 * site per test means a fresh origin, so localStorage never leaks from one test into the next.
 */
public final class TestSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    public TestSite() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String page = pages.get(exchange.getRequestURI().getPath());
                byte[] body = (page != null ? page : "<!doctype html><title>Not found</title>").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(page != null ? 200 : 404, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    /** Serves {@code html} at {@code path} and returns the page's address. */
    public String serve(String path, String html) {
        pages.put(path, html);
        return url(path);
    }

    public String url(String pathAndQuery) {
        return origin() + pathAndQuery;
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
