package dev.footfall.sdkcompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.browser.HeadlessChromium;
import dev.footfall.testkit.nginx.Nginx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.OutputType;

/**
 * The real Segment and RudderStack SDKs, as their packages ship on npm (and Segment's Java SDK),
 * unchanged but for their host setting, through the whole pipeline: the launcher's embedded Kafka,
 * OpenSearch and Flink job, with two real gateways of the test's own in front (one rate-limited, so
 * the SDKs' retries run). Every scenario sends an identify, a page and a track for a user of its
 * own; each must be stored exactly once in footfall-events-*, and in the end every event the
 * gateways acknowledged is stored and nothing is dead-lettered.
 *
 * <p>The browser SDKs run in headless Chromium twice: on a page of another origin than the gateway
 * (both allowed by the site, as a real site and its collector on two domains), and on a page the
 * gateway serves itself (same origin).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealSdksITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String BROWSER_KEY = "wk_sdk_browser";
    private static final String SERVER_KEY = "wk_sdk_server";
    private static final String SITE = "sdk";
    private static final String DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/150.0.0.0 Safari/537.36";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Scenarios that stored their three events; the final count is three times this. */
    private static final AtomicInteger PASSED = new AtomicInteger();

    private static Path work;
    private static NodeTools tools;
    private static LocalStack stack;
    private static OpenSearchTestClient openSearch;
    private static SdkSite site;
    /** Serves the SDK site on another origin than the gateways. */
    private static Nginx pageServer;
    private static IngestGateway gateway;
    private static IngestGateway limitedGateway;
    private static HeadlessChromium browser;

    enum Origin {
        CROSS_ORIGIN("cross"), SAME_ORIGIN("same");

        final String id;

        Origin(String id) {
            this.id = id;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tools = NodeTools.install();
        work = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "sdk-compat-");
        stack = LocalStack.start(LocalSettings.fromEnvironment(Map.of()).withDataDir(work.resolve("stack"))
                .withPorts(0, 0, 0, 0, 0), line -> { });
        openSearch = new OpenSearchTestClient(stack.openSearchUrl());
        site = SdkSite.build(work.resolve("site"), tools, BROWSER_KEY);
        // The site on another origin, served as a real one would be.
        pageServer = Nginx.start(work.resolve("nginx"), port -> "server { listen 127.0.0.1:" + port + "; root "
                + site.root().toAbsolutePath() + "; }");

        int gatewayPort = LoopbackPorts.freePort();
        int limitedPort = LoopbackPorts.freePort();
        Sites sites = Sites.of(new Site(SITE, List.of(BROWSER_KEY, SERVER_KEY), Set.of(pageServer.url(),
                "http://127.0.0.1:" + gatewayPort, "http://127.0.0.1:" + limitedPort)));
        gateway = IngestGateway.start(gatewayConfig(gatewayPort, "salts").withSites(sites));
        // One request per second per write key, no burst: the SDKs' requests after the first get
        // 429 with Retry-After, and only their retries get the events in.
        limitedGateway = IngestGateway.start(gatewayConfig(limitedPort, "salts-limited")
                .with(Map.of("rate.writekey.per.second", "1", "rate.writekey.burst", "1")).withSites(sites));
        browser = HeadlessChromium.start(options -> options.addArguments("--user-agent=" + DESKTOP_UA));
    }

    /** A gateway as an operator would run it (the reference defaults) in front of the launcher's Kafka, serving the SDK site. */
    private static GatewayConfig gatewayConfig(int port, String salts) {
        return GatewayConfig.reference().with(Map.of(
                "http.host", "127.0.0.1",
                "http.port", Integer.toString(port),
                "kafka.bootstrap", stack.kafkaBootstrap(),
                "raw.topic", LocalStack.RAW_TOPIC,
                "static.dir", site.root().toString(),
                "salt.dir", work.resolve(salts).toString()));
    }

    /**
     * Each scenario is a new visitor: nothing the last one's SDK kept (ids, queues, cookies) is left
     * for the origins the pages and gateways use. One browser serves them all, as starting Chromium
     * takes seconds.
     */
    private static void newVisitor() {
        browser.open("about:blank");
        for (String origin : List.of(pageServer.url(), gateway.url(), limitedGateway.url())) {
            browser.driver().executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
        }
        browser.clearCookies();
        browser.consoleErrors(); // hands out, and so drops, what earlier scenarios logged
    }

    @AfterAll
    static void stop() throws Exception {
        try (var s = stack; var p = pageServer; var g = gateway; var l = limitedGateway; var b = browser) {
            // closed in reverse order: gateways first, the stack last
        }
    }

    static Stream<Arguments> browserRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (Origin origin : Origin.values()) {
            for (BrowserScenario scenario : BrowserScenario.values()) {
                runs.add(Arguments.of(scenario, origin));
            }
        }
        return runs.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}, page {1}")
    @MethodSource("browserRuns")
    void browserSdkStoresEveryEventOnce(BrowserScenario scenario, Origin origin) {
        IngestGateway target = scenario.retries ? limitedGateway : gateway;
        String id = scenario.id() + "-" + origin.id;
        String page = site.writePage(scenario, id, BROWSER_KEY, target.url());
        String pageOrigin = origin == Origin.CROSS_ORIGIN ? pageServer.url() : target.url();
        long refusedBefore = rateLimited(target);

        newVisitor();

        browser.open(pageOrigin + page);
        awaitStoredOnce(id, scenario.sdk.library);
        screenshot(id);
        // A blocked preflight or a refused request shows here; a retried 429 is expected only where the test causes it.
        assertThat(browser.consoleErrors()).filteredOn(error -> !(scenario.retries && error.contains("429"))).isEmpty();
        if (scenario.retries) {
            assertThat(rateLimited(target) - refusedBefore).as("requests refused with 429 and then retried").isPositive();
        }
        PASSED.incrementAndGet();
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @CsvSource({"segment-node, @segment/analytics-node", "analytics-node, analytics-node", "rudder-node, analytics-node"})
    void nodeSdkStoresEveryEventOnce(String sdk, String library) {
        NodeTools.Result result = tools.runNodeSdk(sdk, gateway.url(), SERVER_KEY, sdk);

        assertThat(result.exitCode()).as(result.output()).isZero();
        awaitStoredOnce(sdk, library);
        PASSED.incrementAndGet();
    }

    @Order(3)
    @Test
    void segmentJavaSdkStoresEveryEventOnce() throws InterruptedException {
        String user = "analytics-java-user";
        Map<String, Throwable> failed = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(3);
        Analytics analytics = Analytics.builder(SERVER_KEY).endpoint(gateway.url()).callback(new Callback() {
            @Override
            public void success(Message message) {
                done.countDown();
            }

            @Override
            public void failure(Message message, Throwable error) {
                failed.put(message.messageId(), error);
                done.countDown();
            }
        }).build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId(user).traits(Map.of("scenario", "analytics-java")));
            analytics.enqueue(PageMessage.builder("Docs").userId(user).properties(Map.of("scenario", "analytics-java")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId(user).properties(Map.of("scenario", "analytics-java")));
            analytics.flush();
            assertThat(done.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the SDK reported every message").isTrue();
        } finally {
            analytics.shutdown();
        }
        assertThat(failed).isEmpty();
        awaitStoredOnce("analytics-java", "analytics-java");
        PASSED.incrementAndGet();
    }

    @Order(4)
    @Test
    void everyAcknowledgedEventIsStoredOnceAndNothingIsDeadLettered() {
        Set<String> acknowledged = new HashSet<>();
        for (ConsumerRecord<String, String> record : RawTopic.readAll(stack.kafkaBootstrap(), LocalStack.RAW_TOPIC)) {
            JsonNode event = json(record.value());
            if (SITE.equals(event.path("siteId").asText())) {
                acknowledged.add(event.path("messageId").asText());
            }
        }
        // Each passed scenario: identify + page + track, so 3 distinct message ids each (a retry
        // resends its message id, which the job drops as a duplicate).
        assertThat(acknowledged).hasSize(3 * PASSED.get());
        String ofSite = "{\"term\":{\"site_id\":\"" + SITE + "\"}}";
        await("every acknowledged event in footfall-events-*").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> count("footfall-events-*", ofSite), stored -> stored >= acknowledged.size());
        assertThat(count("footfall-events-*", ofSite)).isEqualTo(acknowledged.size());
        assertThat(count("footfall-events-*", "{\"terms\":{\"message_id\":" + JSON.valueToTree(acknowledged) + "}}"))
                .isEqualTo(acknowledged.size());
        assertThat(count("footfall-invalid-*", "{\"match_all\":{}}")).as("dead letters in OpenSearch").isZero();
        assertThat(RawTopic.readAll(stack.kafkaBootstrap(), LocalStack.INVALID_TOPIC)).as("dead letters in Kafka").isEmpty();
    }

    /**
     * Waits for the scenario's three events, then checks them: one identify, one page ("Docs") and
     * one track ("Order Completed"), each once, from the SDK the scenario drove.
     */
    private static void awaitStoredOnce(String scenario, String library) {
        String ofUser = "{\"term\":{\"user_id\":\"" + scenario + "-user\"}}";
        await(scenario + ": three events in footfall-events-*").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> count("footfall-events-*", ofUser), stored -> stored >= 3);
        JsonNode hits = openSearch.search("footfall-events-*", "{\"size\":10,\"sort\":[{\"type\":\"asc\"}],\"query\":"
                + ofUser + "}").path("hits").path("hits");
        List<String> types = new ArrayList<>();
        for (JsonNode hit : hits) {
            JsonNode event = hit.path("_source");
            types.add(event.path("type").asText());
            assertThat(event.path("site_id").asText()).isEqualTo(SITE);
            assertThat(event.path("library_name").asText()).as(scenario).isEqualTo(library);
            if (event.path("type").asText().equals("track")) {
                assertThat(event.path("event_name").asText()).isEqualTo("Order Completed");
            }
            if (event.path("type").asText().equals("page")) {
                assertThat(event.path("event_name").asText()).isEqualTo("Docs");
            }
        }
        assertThat(types).as(scenario + ": each event stored once").containsExactly("identify", "page", "track");
    }

    /** Kept under target/screenshots, to see what the browser showed when a scenario fails. */
    private static void screenshot(String id) {
        try {
            Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(id + ".png");
            Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long rateLimited(IngestGateway target) {
        long refused = 0;
        for (String route : List.of("/v1/track", "/v1/page", "/v1/identify", "/v1/batch")) {
            refused += target.metrics().requests(route, 429);
        }
        return refused;
    }

    private static long count(String index, String query) {
        openSearch.refresh(index);
        return openSearch.count(index, "{\"query\":" + query + "}");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
