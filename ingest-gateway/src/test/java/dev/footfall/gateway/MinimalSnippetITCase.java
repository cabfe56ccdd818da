package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.browser.HeadlessChromium;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The minimal {@code trackEvent(name, data)} snippet (what a page writes without any SDK), run unchanged in a real headless
 * Chromium: from a page of another origin (so through the CORS preflight its JSON content type
 * triggers), from a page the gateway serves itself, and refused for an origin no site allows.
 */
class MinimalSnippetITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static PageServer allowedPage;
    private static PageServer foreignPage;
    private static TestGateway gw;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws IOException {
        String snippetPage;
        try (InputStream in = MinimalSnippetITCase.class.getResourceAsStream("minimal-snippet.html")) {
            snippetPage = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int gatewayPort = LoopbackPorts.freePort();
        String gatewayOrigin = "http://127.0.0.1:" + gatewayPort;
        allowedPage = new PageServer(snippetPage.replace("{{GATEWAY}}", gatewayOrigin));
        foreignPage = new PageServer(snippetPage.replace("{{GATEWAY}}", gatewayOrigin));
        Path site = Files.createTempDirectory("footfall-static-");
        Files.writeString(site.resolve("index.html"), snippetPage.replace("{{GATEWAY}}", ""));

        KafkaTestClient kafka = KAFKA.client();
        String topic = TestGateway.newTopic(kafka, "snippet");
        GatewayConfig config = TestGateway.config(kafka, topic)
                .with("http.port", Integer.toString(gatewayPort))
                .with("static.dir", site.toString())
                .withSites(Sites.of(new Site("shop", List.of(TestGateway.SHOP_KEY),
                        Set.of(SHOP_ORIGIN, allowedPage.origin(), gatewayOrigin))));
        gw = TestGateway.start(kafka, topic, config);
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        try (var b = browser; var g = gw; var a = allowedPage; var f = foreignPage) {
            // closed in reverse order
        }
    }

    @Test
    void shouldDeliverTheSnippetsEventFromAnotherOriginThroughThePreflight() {
        String marker = UUID.randomUUID().toString();
        browser.open(allowedPage.origin() + "/");

        browser.js("trackEvent('Signed Up', {plan: 'pro', marker: arguments[0]});", marker);

        JsonNode record = recordWithMarker(marker);
        assertThat(record.path("type").asText()).isEqualTo("track");
        assertThat(record.path("event").asText()).isEqualTo("Signed Up");
        assertThat(record.path("properties").path("plan").asText()).isEqualTo("pro");
        assertThat(record.path("siteId").asText()).isEqualTo("shop");
        assertThat(record.path("visitorId").asText()).matches("[0-9a-f]{16}");
        assertThat(record.path("context").path("userAgent").asText()).contains("Chrome");
        assertThat(record.path("clientAddress").asText()).isEqualTo("127.0.0.0");
        // The browser caches a preflight answer (Access-Control-Max-Age), so count any from this origin's first call.
        assertThat(gw.gateway.metrics().requests("/api/events", 204)).as("preflights answered").isPositive();
    }

    @Test
    void shouldDeliverTheSnippetsEventFromAPageTheGatewayServesItself() {
        String marker = UUID.randomUUID().toString();
        browser.open(gw.gateway.url() + "/");
        assertThat(browser.js("return document.title;")).isEqualTo("The minimal trackEvent snippet");

        browser.js("trackEvent('Same Origin', {marker: arguments[0]});", marker);

        assertThat(recordWithMarker(marker).path("event").asText()).isEqualTo("Same Origin");
    }

    @Test
    void shouldDeliverABeaconSentAsTextPlain() {
        String marker = UUID.randomUUID().toString();
        browser.open(allowedPage.origin() + "/");

        Object queued = browser.js("return navigator.sendBeacon(arguments[0], JSON.stringify("
                + "{name: 'Left Page', data: {marker: arguments[1]}}));", gw.gateway.url() + "/api/events", marker);

        assertThat(queued).isEqualTo(true);
        assertThat(recordWithMarker(marker).path("event").asText()).isEqualTo("Left Page");
    }

    @Test
    void shouldKeepAPageOfAnOriginNoSiteAllowsFromSending() {
        String marker = UUID.randomUUID().toString();
        browser.open(foreignPage.origin() + "/");

        Object outcome = browser.driver().executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type': 'application/json'},"
                + " body: JSON.stringify({name: 'Stolen', data: {marker: arguments[1]}})})"
                + ".then(function (r) { done('status ' + r.status); })"
                + ".catch(function (e) { done('blocked ' + e.name); });", gw.gateway.url() + "/api/events", marker);

        assertThat(outcome).isEqualTo("blocked TypeError");
        String sentinel = UUID.randomUUID().toString();
        browser.open(allowedPage.origin() + "/");
        browser.js("trackEvent('Sentinel', {marker: arguments[0]});", sentinel);
        recordWithMarker(sentinel);
        assertThat(gw.records(list -> true)).noneMatch(r -> r.value().contains(marker));
    }

    private static JsonNode recordWithMarker(String marker) {
        return gw.records(list -> list.stream().anyMatch(r -> r.value().contains(marker))).stream()
                .map(r -> json(r.value()))
                .filter(node -> marker.equals(node.path("properties").path("marker").asText()))
                .findFirst().orElseThrow();
    }
}
