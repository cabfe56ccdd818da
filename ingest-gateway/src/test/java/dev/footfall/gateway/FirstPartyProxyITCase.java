package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.browser.HeadlessChromium;
import dev.footfall.testkit.nginx.Nginx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first-party recipe of docs/ingest-gateway.md, run as written in a real nginx in front of a
 * real gateway (path prefix {@code /stats}, script alias {@code p.js}, nginx as the trusted proxy):
 * a page of the site, served by nginx, loads the tracker from {@code /stats/p.js} in headless
 * Chromium and its events reach Kafka through {@code /stats/v1/batch}, attributed to the site and
 * to the visitor's address, never to the proxy's or to one a client wrote into X-Forwarded-For.
 */
class FirstPartyProxyITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    /**
     * nginx connects to the gateway from this address (loopback, another /24 than the browser's
     * 127.0.0.1), so the test can tell the proxy's address from the visitor's after truncation.
     */
    private static final String PROXY_ADDRESS = "127.0.1.2";
    private static final String DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/150.0.0.0 Safari/537.36";

    private static TestGateway gw;
    private static Nginx nginx;
    private static Path root;

    @BeforeAll
    static void start() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "ingest-gateway.md"));
        String section = doc.substring(doc.indexOf("## First-party paths"));
        String recipe = fenced(section, "nginx");
        String scriptTag = fenced(section, "html").strip();

        Path dir = Files.createTempDirectory(Path.of("target"), "first-party-");
        root = Files.createDirectories(dir.resolve("www"));
        Files.writeString(root.resolve("index.html"), "<!doctype html><html><head><meta charset=\"utf-8\"><title>Shop</title><link rel=\"icon\" href=\"data:,\">"
                + scriptTag.replace("YOUR_WRITE_KEY", SHOP_KEY) + "</head><body><h1>Shop</h1></body></html>");

        int gatewayPort = LoopbackPorts.freePort();
        nginx = Nginx.start(dir.resolve("nginx"), port -> recipe
                .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("root /var/www/shop;", "root " + root.toAbsolutePath() + ";")
                .replace("proxy_pass http://127.0.0.1:8080;", "proxy_pass http://127.0.0.1:" + gatewayPort + ";\n"
                        + "        proxy_bind " + PROXY_ADDRESS + ";"));

        KafkaTestClient kafka = KAFKA.client();
        String topic = TestGateway.newTopic(kafka, "first-party");
        GatewayConfig config = TestGateway.config(kafka, topic)
                .with(Map.of("http.port", Integer.toString(gatewayPort),
                        "http.path.prefix", "/stats",
                        "tracker.alias", "p.js",
                        "trusted.proxies", PROXY_ADDRESS + "/32",
                        "tracker.resource", GatewayConfig.reference().trackerResource()))
                .withSites(Sites.of(new Site("shop", List.of(SHOP_KEY), Set.of(nginx.url()))));
        gw = TestGateway.start(kafka, topic, config);
    }

    @AfterAll
    static void stop() throws Exception {
        try (var g = gw; var n = nginx) {
            // closed in reverse order
        }
    }

    @Test
    void shouldDeliverTheTrackersEventsThroughTheSitesOwnDomain() {
        String marker = UUID.randomUUID().toString();
        try (HeadlessChromium browser = HeadlessChromium.start(options -> options.addArguments("--user-agent=" + DESKTOP_UA))) {
            browser.open(nginx.url() + "/");
            browser.waitFor("window.footfall && typeof footfall.track === 'function'", Duration.ofSeconds(60));
            browser.js("footfall.track('Checkout', {marker: arguments[0]});", marker);

            List<JsonNode> records = gw.records(list -> list.stream().anyMatch(r -> r.value().contains(marker))).stream()
                    .map(r -> json(r.value())).toList();
            JsonNode checkout = records.stream().filter(r -> marker.equals(r.path("properties").path("marker").asText()))
                    .findFirst().orElseThrow();
            JsonNode pageView = records.stream().filter(r -> r.path("type").asText().equals("page")).findFirst().orElseThrow();
            for (JsonNode record : List.of(checkout, pageView)) {
                assertThat(record.path("siteId").asText()).isEqualTo("shop");
                assertThat(record.path("context").path("library").path("name").asText()).isEqualTo("footfall.js");
                assertThat(record.path("clientAddress").asText()).as("the visitor's network, not the proxy's")
                        .isEqualTo("127.0.0.0");
            }
            assertThat(pageView.path("context").path("page").path("url").asText()).isEqualTo(nginx.url() + "/");
            assertThat(browser.consoleErrors()).isEmpty();
        }
        // Through nginx, same origin: the script under its alias and the batch under the prefix, no preflight.
        assertThat(gw.gateway.metrics().requests("/footfall.js", 200)).isPositive();
        assertThat(gw.gateway.metrics().requests("/v1/batch", 200)).isPositive();
        assertThat(gw.gateway.metrics().requests("/v1/batch", 204)).isZero();
    }

    @Test
    void shouldBelieveTheProxyNotTheAddressAClientWroteIntoXForwardedFor() throws Exception {
        String messageId = UUID.randomUUID().toString();
        HttpResponse<String> response = gw.http.send(HttpRequest.newBuilder(URI.create(nginx.url() + "/stats/v1/track"))
                .header("Content-Type", "application/json")
                .header("Authorization", TestGateway.basic(SHOP_KEY))
                .header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"Spoofed\",\"userId\":\"u\",\"messageId\":\""
                        + messageId + "\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body() + nginx.errorLog()).isEqualTo(200);
        // nginx appends the peer it saw (127.0.0.1): the right-most address that is not a trusted proxy.
        assertThat(gw.recordWithMessageId(messageId).path("clientAddress").asText()).isEqualTo("127.0.0.0");
    }

    @Test
    void shouldAnswerTheOperationalRoutesOnlyAtTheGatewaysRootNotThroughTheSite() throws Exception {
        HttpResponse<String> metrics = gw.http.send(HttpRequest.newBuilder(URI.create(nginx.url() + "/stats/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(404);
        assertThat(json(metrics).path("reason").asText()).isEqualTo("not_found");
        assertThat(gw.get("/metrics").statusCode()).isEqualTo(200);
    }

    private static String fenced(String markdown, String language) {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(block.find()).as("a ```" + language + " block in the first-party section of docs/ingest-gateway.md").isTrue();
        return block.group(1);
    }
}
