package dev.footfall.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeadlessChromiumTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PAGE = "<!doctype html><title>Harness</title>"
            + "<script>console.error('deliberate page error'); window.loaded = true;</script>";

    private static HttpServer server;
    private static final AtomicInteger pings = new AtomicInteger();

    @BeforeAll
    static void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestURI().getPath().equals("/ping")) {
                pings.incrementAndGet();
                body = "pong".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void opensPagesRunsScriptsAndReadsConsoleErrors() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(url("/"));
            browser.waitFor("window.loaded === true", DEADLINE);
            assertThat(browser.js("return document.title + ':' + arguments[0];", 42)).isEqualTo("Harness:42");
            assertThat(browser.consoleErrors()).anySatisfy(error -> assertThat(error).contains("deliberate page error"));
        }
    }

    @Test
    void waitForFailsWithTheConditionWhenItNeverHolds() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(url("/"));
            assertThatThrownBy(() -> browser.waitFor("window.neverSet === 1", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("window.neverSet === 1");
        }
    }

    @Test
    void offlineCutsTheNetworkAndOnlineRestoresIt() {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.open(url("/"));
            browser.js("window.events = []; addEventListener('offline', () => events.push('offline'));"
                    + " addEventListener('online', () => events.push('online'));");

            browser.offline(true);
            browser.js("window.result = null; fetch('/ping').then(() => result = 'reached', () => result = 'failed');");
            browser.waitFor("window.result !== null", DEADLINE);
            assertThat(browser.js("return [result, navigator.onLine, events.join()];"))
                    .asList().containsExactly("failed", false, "offline");
            int pingsWhileOffline = pings.get();

            browser.offline(false);
            browser.js("window.result = null; fetch('/ping').then(() => result = 'reached', () => result = 'failed');");
            browser.waitFor("window.result !== null", DEADLINE);
            assertThat(browser.js("return [result, navigator.onLine, events.join()];"))
                    .asList().containsExactly("reached", true, "offline,online");
            assertThat(pings.get()).isEqualTo(pingsWhileOffline + 1);
        }
    }

    @Test
    void closeDeletesTheProfileDirectory() {
        HeadlessChromium browser = HeadlessChromium.start();
        String profile = (String) browser.driver().getCapabilities().asMap().entrySet().stream()
                .filter(entry -> entry.getKey().equals("chrome"))
                .map(entry -> ((java.util.Map<?, ?>) entry.getValue()).get("userDataDir"))
                .findFirst().orElseThrow();
        assertThat(Files.isDirectory(Path.of(profile))).isTrue();
        browser.close();
        assertThat(Files.exists(Path.of(profile))).isFalse();
    }
}
