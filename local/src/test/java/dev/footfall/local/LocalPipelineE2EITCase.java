package dev.footfall.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import dev.footfall.testkit.OpenSearchTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import picocli.CommandLine;

/**
 * The whole local pipeline, as a user runs it: the launcher starts Kafka, OpenSearch, the Flink
 * job and the gateway; two people browse the demo site in headless Chromium; a server sends
 * events through the Segment API; the documents and the report must show exactly that. Then
 * the stack is stopped and started again on the same data: nothing is lost or counted twice.
 */
class LocalPipelineE2EITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String WRITE_KEY = "wk_e2e_local_test";
    private static final String DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/150.0.0.0 Safari/537.36";
    private static final String MOBILE_UA = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/150.0.0.0 Mobile Safari/537.36";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void browsingAndServerEventsFlowIntoEventsSessionsRollupsAndTheReportAndSurviveARestart() throws Exception {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of())
                .withDataDir(dataDir)
                .withPorts(0, 0, 0, 0, 0)
                .withLocalWriteKey(WRITE_KEY);
        String openSearchUrl;
        String apiKey;
        try (LocalStack stack = LocalStack.start(settings, line -> { })) {
            openSearchUrl = stack.openSearchUrl();
            OpenSearchTestClient openSearch = new OpenSearchTestClient(openSearchUrl);
            assertThat(stack.writeKey()).isEqualTo(WRITE_KEY);

            browseAsFirstVisitor(stack.gatewayUrl());
            browseAsSecondVisitor(stack.gatewayUrl());
            sendServerEvents(stack.gatewayUrl(), "1");

            // Browser one: 4 page views and 2 clicks; browser two: a page view and a click; the server:
            // identify, a page view and an order. 11 events, 6 of them page views.
            awaitCount(openSearch, "footfall-events-*", "{\"match_all\":{}}", 11);
            awaitCount(openSearch, "footfall-sessions-*", "{\"match_all\":{}}", 3);
            assertThat(count(openSearch, "footfall-events-*", "{\"bool\":{\"must_not\":{\"exists\":{\"field\":\"session_id\"}}}}"))
                    .as("every event carries its session").isZero();
            assertThat(count(openSearch, "footfall-events-*", "{\"term\":{\"is_bot\":true}}")).isZero();
            assertThat(count(openSearch, "footfall-events-*", "{\"term\":{\"device_type\":\"mobile\"}}")).isEqualTo(2);
            awaitRollupPageviews(openSearch, 6);

            JsonNode report = report(openSearchUrl);
            assertThat(report.get("visitors").asLong()).isEqualTo(3);
            assertThat(report.get("pageviews").asLong()).isEqualTo(6);
            assertThat(report.get("sessions").asLong()).isEqualTo(3);
            assertThat(report.get("events").toString()).contains("\"Added to Cart\":1", "\"Signed Up\":1",
                    "\"Plan Chosen\":1", "\"Order Completed\":1");
            assertThat(report.get("top_pages").toString()).contains("/app/inbox", "/app/settings", "/pricing.html", "/checkout");
            assertThat(count(openSearch, "footfall-events-*", "{\"term\":{\"page_url\":\"https://shop.example/checkout\"}}"))
                    .as("query strings are not stored").isEqualTo(1);

            // The console started with the stack: its Stats API, with the printed key, gives the report's numbers.
            apiKey = stack.apiKey();
            assertThat(statsApi(stack, "[\"visitors\", \"pageviews\"]").at("/results/0/metrics").toString()).isEqualTo("[3,6]");
        }

        // Restart on the same data: the job resumes from its savepoint.
        try (LocalStack stack = LocalStack.start(settings, line -> { })) {
            OpenSearchTestClient openSearch = new OpenSearchTestClient(stack.openSearchUrl());
            assertThat(stack.writeKey()).isEqualTo(WRITE_KEY);
            // A client retry of the batch acknowledged before the restart, then a new batch: the retry
            // must be dropped as duplicates (dedup state survived), the new one counted once.
            sendServerEvents(stack.gatewayUrl(), "1");
            sendServerEvents(stack.gatewayUrl(), "2");
            awaitCount(openSearch, "footfall-events-*", "{\"match_all\":{}}", 14);
            awaitRollupPageviews(openSearch, 7);
            JsonNode report = report(stack.openSearchUrl());
            assertThat(report.get("pageviews").asLong()).isEqualTo(7);
            assertThat(report.get("events").get("Order Completed").asLong()).isEqualTo(2);
            // The same key after a restart (kept in the data directory), still valid.
            assertThat(stack.apiKey()).isEqualTo(apiKey);
            assertThat(statsApi(stack, "[\"pageviews\"]").at("/results/0/metrics/0").asLong()).isEqualTo(7);
        }
    }

    /** The last hour and the next, as instants: the same numbers whatever the time of day. */
    private JsonNode statsApi(LocalStack stack, String metrics) throws Exception {
        Instant now = Instant.now();
        String body = "{\"site_id\": \"local\", \"metrics\": " + metrics + ", \"date_range\": [\""
                + now.minusSeconds(3600) + "\", \"" + now.plusSeconds(3600) + "\"]}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.consoleUrl() + "/api/v2/query"))
                .header("Authorization", "Bearer " + stack.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void browseAsFirstVisitor(String site) {
        try (DemoSiteVisitor visitor = DemoSiteVisitor.start(DESKTOP_UA)) {
            visitor.open(site + "/index.html");
            visitor.click(By.id("add-to-cart"));
            visitor.click(By.id("signup"));
            visitor.awaitDelivered();
            visitor.open(site + "/app.html");
            visitor.click(By.cssSelector("[data-route='/app/inbox']"));
            visitor.click(By.cssSelector("[data-route='/app/settings']"));
            visitor.browser().waitFor("location.pathname === '/app/settings'", DEADLINE);
            visitor.awaitDelivered();
        }
    }

    private void browseAsSecondVisitor(String site) {
        try (DemoSiteVisitor visitor = DemoSiteVisitor.start(MOBILE_UA)) {
            visitor.open(site + "/pricing.html");
            visitor.click(By.id("choose-pro"));
            visitor.awaitDelivered();
        }
    }

    /** A Segment-style server SDK call: HTTP Basic with the write key; identify, a page view and an order. */
    private void sendServerEvents(String gateway, String batchId) throws Exception {
        String now = Instant.now().toString();
        String body = """
                {"batch":[
                  {"type":"identify","messageId":"srv-identify-%1$s","anonymousId":"server-visitor","userId":"u-42",
                   "traits":{"plan":"pro"},"timestamp":"%2$s"},
                  {"type":"page","messageId":"srv-page-%1$s","anonymousId":"server-visitor","userId":"u-42","name":"Checkout",
                   "context":{"page":{"url":"https://shop.example/checkout?step=2","path":"/checkout"}},"timestamp":"%2$s"},
                  {"type":"track","messageId":"srv-order-%1$s","anonymousId":"server-visitor","userId":"u-42",
                   "event":"Order Completed","properties":{"revenue":59.9,"currency":"EUR"},"timestamp":"%2$s"}],
                 "sentAt":"%2$s"}
                """.formatted(batchId, now);
        SegmentBatches.send(http, gateway, WRITE_KEY, body);
    }

    private static long count(OpenSearchTestClient client, String index, String query) {
        client.refresh(index);
        return client.count(index, "{\"query\":" + query + "}");
    }

    private static void awaitCount(OpenSearchTestClient client, String index, String query, long expected) {
        await("documents in " + index + " matching " + query).atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> count(client, index, query), seen -> seen >= expected);
        // Reaching the number is not enough: it must stay there (nothing indexed twice).
        assertThat(count(client, index, query)).as("documents in %s matching %s", index, query).isEqualTo(expected);
    }

    private static void awaitRollupPageviews(OpenSearchTestClient client, long expected) {
        await("page views summed over the site rollups").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> rollupPageviews(client), seen -> seen == expected);
    }

    private static long rollupPageviews(OpenSearchTestClient client) {
        client.refresh("footfall-rollups-*");
        JsonNode aggs = client.aggregate("footfall-rollups-*", "{\"term\":{\"dimension\":\"site\"}}",
                "{\"pageviews\":{\"sum\":{\"field\":\"pageviews\"}}}");
        return aggs.path("pageviews").path("value").asLong();
    }

    private static JsonNode report(String openSearchUrl) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(new CommandLine(new FootfallCli()).execute("report", "--opensearch", openSearchUrl, "--json")).isZero();
        } finally {
            System.setOut(original);
        }
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }
}
