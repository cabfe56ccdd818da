package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.BLOG_KEY;
import static dev.footfall.gateway.TestGateway.BLOG_ORIGIN;
import static dev.footfall.gateway.TestGateway.SERVER_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.gzip;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every route and every way to authenticate, against a real gateway and a real Kafka broker. */
class IngestRoutesITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("routes");

    private static String id() {
        return "m-" + UUID.randomUUID();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/v1/track    | track    | \"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\"}",
        "/v1/page     | page     | \"name\":\"Pricing\",\"properties\":{\"path\":\"/pricing\"}",
        "/v1/screen   | screen   | \"name\":\"Home\"",
        "/v1/identify | identify | \"userId\":\"u-1\",\"traits\":{\"email\":\"a@example.com\"}",
        "/v1/group    | group    | \"groupId\":\"g-1\",\"traits\":{\"name\":\"Acme\"}",
        "/v1/alias    | alias    | \"userId\":\"u-1\",\"previousId\":\"anon-old\"",
    })
    void shouldStoreEachSegmentMessageTypeWithTheTypeItsRouteImplies(String path, String type, String fields) {
        String messageId = id();
        // The body claims another type: the route decides, as it does at Segment.
        String body = "{\"type\":\"screen\",\"messageId\":\"" + messageId + "\",\"anonymousId\":\"anon-7\"," + fields + "}";

        HttpResponse<String> response = GW.post(path, body, "Authorization", basic(SHOP_KEY), "User-Agent", "route-test/1.0");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
        JsonNode record = GW.recordWithMessageId(messageId);
        assertThat(record.path("type").asText()).isEqualTo(type);
        assertThat(record.path("siteId").asText()).isEqualTo("shop");
        assertThat(record.path("anonymousId").asText()).isEqualTo("anon-7");
        assertThat(record.path("clientAddress").asText()).isEqualTo("127.0.0.0");
        assertThat(record.has("visitorId")).as("no cookieless id when the client sent an anonymousId").isFalse();
        assertThat(record.path("context").has("userAgent"))
                .as("a server SDK's User-Agent is not the visitor's browser").isFalse();
        Instant receivedAt = Instant.parse(record.path("receivedAt").asText());
        assertThat(receivedAt).isBetween(Instant.now().minusSeconds(120), Instant.now());
        assertThat(Instant.parse(record.path("timestamp").asText())).isEqualTo(receivedAt);
    }

    @Test
    void shouldKeyRecordsBySiteAndVisitorSoAVisitorStaysOnOnePartition() {
        String first = id();
        String second = id();
        String body = "{\"batch\":["
                + "{\"type\":\"page\",\"messageId\":\"" + first + "\",\"anonymousId\":\"visitor-42\"},"
                + "{\"type\":\"track\",\"event\":\"Clicked\",\"messageId\":\"" + second + "\",\"anonymousId\":\"visitor-42\"}]}";

        assertThat(GW.post("/v1/batch", body, "Authorization", basic(SHOP_KEY)).statusCode()).isEqualTo(200);

        var records = GW.records(list -> list.stream().filter(r -> r.value().contains(first) || r.value().contains(second)).count() == 2)
                .stream().filter(r -> r.value().contains(first) || r.value().contains(second)).toList();
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo("shop/visitor-42"));
        assertThat(records.get(0).partition()).isEqualTo(records.get(1).partition());
        assertThat(json(records.get(0).value()).path("messageId").asText()).isEqualTo(first);
    }

    @Test
    void shouldReadTheDesignDocumentsMinimalFormAsATrackEventAttributedByOrigin() {
        String marker = id();
        HttpResponse<String> response = GW.post("/api/events",
                "{\"name\":\"Newsletter Subscribed\",\"data\":{\"source\":\"home\",\"marker\":\"" + marker + "\"}}",
                "Origin", SHOP_ORIGIN, "User-Agent", "Mozilla/5.0 test");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        JsonNode record = recordWithProperty("marker", marker);
        assertThat(record.path("type").asText()).isEqualTo("track");
        assertThat(record.path("event").asText()).isEqualTo("Newsletter Subscribed");
        assertThat(record.path("properties").path("source").asText()).isEqualTo("home");
        assertThat(record.path("siteId").asText()).isEqualTo("shop");
        assertThat(record.path("visitorId").asText()).matches("[0-9a-f]{16}");
        assertThat(record.path("messageId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void shouldTakeTheWriteKeyFromTheBodyAsSegmentAllows() {
        String messageId = id();
        HttpResponse<String> response = GW.post("/v1/track",
                "{\"writeKey\":\"" + BLOG_KEY + "\",\"event\":\"Read\",\"userId\":\"u-9\",\"messageId\":\"" + messageId + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode record = GW.recordWithMessageId(messageId);
        assertThat(record.path("siteId").asText()).isEqualTo("blog");
        assertThat(record.has("writeKey")).as("the write key is not stored").isFalse();
        assertThat(record.has("visitorId")).as("a userId identifies the visitor; no cookieless id").isFalse();
    }

    @Test
    void shouldAcceptTextPlainBodiesAsSendBeaconSendsThem() {
        String marker = id();
        HttpResponse<String> response = GW.post("/api/events", "{\"name\":\"Beacon\",\"data\":{\"marker\":\"" + marker + "\"}}",
                "Content-Type", "text/plain;charset=UTF-8", "Origin", BLOG_ORIGIN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(recordWithProperty("marker", marker).path("siteId").asText()).isEqualTo("blog");
    }

    @Test
    void shouldInflateGzipBodies() throws IOException {
        String messageId = id();
        byte[] body = gzip("{\"batch\":[{\"type\":\"track\",\"event\":\"Zipped\",\"userId\":\"u-1\",\"messageId\":\""
                + messageId + "\"}]}");

        HttpResponse<String> response = GW.postBytes("/v1/batch", body, "Content-Type", "application/json",
                "Content-Encoding", "gzip", "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GW.recordWithMessageId(messageId).path("event").asText()).isEqualTo("Zipped");
    }

    @Test
    void shouldAssignAMessageIdOnlyWhenTheClientSentNone() {
        String marker = id();
        GW.post("/v1/track", "{\"event\":\"No Id\",\"userId\":\"u-1\",\"properties\":{\"marker\":\"" + marker + "\"}}",
                "Authorization", basic(SHOP_KEY));
        assertThat(recordWithProperty("marker", marker).path("messageId").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void shouldTakeTheBrowsersUserAgentFromTheHeaderButNotAServerSdks() {
        String fromBrowser = id();
        GW.post("/v1/track", "{\"writeKey\":\"" + SHOP_KEY + "\",\"event\":\"E\",\"anonymousId\":\"a\",\"messageId\":\""
                + fromBrowser + "\"}", "User-Agent", "Mozilla/5.0 Browser");
        assertThat(GW.recordWithMessageId(fromBrowser).path("context").path("userAgent").asText()).isEqualTo("Mozilla/5.0 Browser");

        String fromServer = id();
        GW.post("/v1/track", "{\"event\":\"Order Completed\",\"userId\":\"u\",\"messageId\":\"" + fromServer + "\"}",
                "Authorization", basic(SHOP_KEY), "User-Agent", "analytics-java/3.5.1");
        assertThat(GW.recordWithMessageId(fromServer).path("context").has("userAgent")).isFalse();

        // The browser SDKs (analytics-next, RudderStack's) send HTTP Basic too; the Origin tells the browser.
        String fromBrowserSdk = id();
        GW.post("/v1/track", "{\"event\":\"E\",\"anonymousId\":\"a\",\"messageId\":\"" + fromBrowserSdk + "\"}",
                "Authorization", basic(SHOP_KEY), "Origin", TestGateway.SHOP_ORIGIN, "User-Agent", "Mozilla/5.0 Browser");
        assertThat(GW.recordWithMessageId(fromBrowserSdk).path("context").path("userAgent").asText()).isEqualTo("Mozilla/5.0 Browser");
    }

    @Test
    void shouldKeepAUserAgentTheClientSent() {
        String messageId = id();
        GW.post("/v1/track", "{\"event\":\"E\",\"userId\":\"u\",\"messageId\":\"" + messageId
                + "\",\"context\":{\"userAgent\":\"Original/2.0\"}}", "Authorization", basic(SHOP_KEY), "User-Agent", "Proxy/1.0");
        assertThat(GW.recordWithMessageId(messageId).path("context").path("userAgent").asText()).isEqualTo("Original/2.0");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key in the header        | 401 | unknown_write_key      | wk_nobody  |            | ",
        "unknown key in the body          | 401 | unknown_write_key      |            |            | wk_nobody",
        "no key and no origin             | 401 | missing_write_key      |            |            | ",
        "key of another site's origin     | 403 | origin_not_allowed     | wk_shop_test | https://blog.test | ",
        "origin no site allows            | 403 | origin_not_allowed     |            | https://evil.test | ",
        "server-only site from a browser  | 403 | origin_not_allowed     | wk_server_only | http://shop.test | ",
        "header and body disagree         | 401 | conflicting_write_keys | wk_shop_test |          | wk_blog_test",
    })
    void shouldRefuseRequestsThatDoNotAuthenticate(String description, int status, String reason,
            String headerKey, String origin, String bodyKey) {
        String messageId = id();
        String body = "{\"event\":\"E\",\"userId\":\"u\",\"messageId\":\"" + messageId + "\""
                + (bodyKey == null ? "" : ",\"writeKey\":\"" + bodyKey + "\"") + "}";
        java.util.List<String> headers = new java.util.ArrayList<>();
        if (headerKey != null) {
            headers.add("Authorization");
            headers.add(basic(headerKey));
        }
        if (origin != null) {
            headers.add("Origin");
            headers.add(origin);
        }

        HttpResponse<String> response = GW.post("/v1/track", body, headers.toArray(String[]::new));

        assertThat(response.statusCode()).as(description).isEqualTo(status);
        JsonNode error = json(response);
        assertThat(error.path("success").asBoolean(true)).isFalse();
        assertThat(error.path("reason").asText()).isEqualTo(reason);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
                .as("CORS headers never name an origin that was refused").isEmpty();
        assertThat(GW.post("/v1/track", "{\"event\":\"sentinel\",\"userId\":\"u\",\"messageId\":\"s-" + messageId + "\"}",
                "Authorization", basic(SERVER_KEY)).statusCode()).isEqualTo(200);
        GW.recordWithMessageId("s-" + messageId);
        assertThat(GW.records(list -> true)).noneMatch(r -> r.value().contains(messageId + "\""));
    }

    @Test
    void shouldRefuseOtherMethodsOnIngestRoutesWithAnAllowHeader() {
        HttpResponse<String> response = GW.get("/v1/batch");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
        assertThat(json(response).path("reason").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void shouldAnswerUnknownPathsWithAJson404() {
        HttpResponse<String> response = GW.get("/v2/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response).path("reason").asText()).isEqualTo("not_found");
    }

    @Test
    void shouldAnswerRequestsJettyRefusesItselfInTheSameJsonShape() {
        HttpResponse<String> response = GW.get("/health", "X-Padding", "x".repeat(20_000));

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(json(response).path("success").asBoolean(true)).isFalse();
        assertThat(json(response).path("reason").asText()).isEqualTo("headers_too_large");
    }

    @Test
    void shouldReportLivenessAndSinkHealth() {
        HttpResponse<String> health = GW.get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("up");

        HttpResponse<String> sink = GW.get("/health/sink");
        assertThat(sink.statusCode()).isEqualTo(200);
        assertThat(json(sink).path("status").asText()).isEqualTo("up");
        assertThat(json(sink).path("detail").asText()).contains(GW.topic).contains("3 partitions");
    }

    @Test
    void shouldCountRequestsAndEventsInPrometheusFormat() {
        long requestsBefore = metric("footfall_gateway_requests_total{route=\"/v1/batch\",status=\"200\"}");
        long acceptedBefore = metric("footfall_gateway_events_accepted_total");
        long rejectedBefore = metric("footfall_gateway_events_rejected_total{reason=\"missing_event_name\"}");
        long refusedBefore = metric("footfall_gateway_requests_refused_total{reason=\"unknown_write_key\"}");

        GW.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\"},"
                + "{\"type\":\"track\",\"event\":\"B\",\"userId\":\"u\"},{\"type\":\"track\",\"userId\":\"u\"}]}",
                "Authorization", basic(SHOP_KEY));
        GW.post("/v1/batch", "{\"batch\":[]}", "Authorization", basic("wk_unknown"));

        HttpResponse<String> scrape = GW.get("/metrics");
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metric("footfall_gateway_requests_total{route=\"/v1/batch\",status=\"200\"}")).isEqualTo(requestsBefore + 1);
        assertThat(metric("footfall_gateway_events_accepted_total")).isEqualTo(acceptedBefore + 2);
        assertThat(metric("footfall_gateway_events_rejected_total{reason=\"missing_event_name\"}")).isEqualTo(rejectedBefore + 1);
        assertThat(metric("footfall_gateway_requests_refused_total{reason=\"unknown_write_key\"}")).isEqualTo(refusedBefore + 1);
        assertThat(metric("footfall_gateway_kafka_send_seconds_count")).isPositive();
        assertThat(scrape.body()).contains("# TYPE footfall_gateway_kafka_send_seconds histogram",
                "footfall_gateway_inflight_bytes ");
        assertThat(metric("footfall_gateway_inflight_bytes_limit")).isEqualTo(32L << 20);
    }

    @Test
    void shouldExposeJvmJettyAndKafkaProducerMetricsBesideItsOwn() {
        GW.post("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"A\",\"userId\":\"u\"},"
                + "{\"type\":\"track\",\"event\":\"B\",\"userId\":\"u\"}]}", "Authorization", basic(SHOP_KEY));

        String scrape = GW.get("/metrics").body();

        // The JVM: the heap in use is never zero in a running JVM.
        assertThat(firstSample(scrape, "jvm_memory_used_bytes{area=\"heap\"")).isPositive();
        // Jetty: the thread answering this very scrape is busy while the gauge is read.
        assertThat(firstSample(scrape, "jetty_threads_busy")).isGreaterThanOrEqualTo(1);
        // So is the scrape's own connection open.
        assertThat(firstSample(scrape, "jetty_connections_current_connections")).isGreaterThanOrEqualTo(1);
        // The producer: at least the 2 records of the batch above were sent by the gateway's client.
        assertThat(firstSample(scrape, "kafka_producer_record_send_total{client_id=\"footfall-gateway\"")).isGreaterThanOrEqualTo(2);
    }

    /** The value of the first sample whose series starts with {@code prefix} (a name, maybe some labels). */
    private static double firstSample(String scrape, String prefix) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(prefix) && (line.charAt(prefix.length()) == ' ' || line.charAt(prefix.length()) == '{'
                    || line.charAt(prefix.length()) == ',')) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample starts with " + prefix + " in\n" + scrape);
    }

    private static long metric(String series) {
        String scrape = GW.get("/metrics").body();
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return (long) Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return 0;
    }

    @Test
    void shouldServeTheTrackerWithCachingHeadersAndGzip() throws IOException {
        byte[] original;
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/footfall/gateway/test-tracker.js")) {
            original = in.readAllBytes();
        }

        HttpResponse<byte[]> plain = getBytes("/footfall.js");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo(original);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        String etag = plain.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> zipped = getBytes("/footfall.js", "Accept-Encoding", "gzip, deflate, br");
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // Accept-Encoding picks the body; Origin picks the CORS headers (an allowed origin is named).
        assertThat(zipped.headers().firstValue("Vary")).hasValue("Origin, Accept-Encoding");
        assertThat(zipped.body().length).isLessThan(original.length);
        try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(original);
        }

        HttpResponse<byte[]> revalidated = getBytes("/footfall.js", "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(getBytes("/footfall.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeTheTrackerModulesScriptWithTheReferenceConfiguration() throws IOException {
        byte[] built;
        try (var in = getClass().getClassLoader().getResourceAsStream("dev/footfall/tracker/footfall.min.js")) {
            assertThat(in).as("the tracker module's jar is on the classpath").isNotNull();
            built = in.readAllBytes();
        }
        try (TestGateway other = TestGateway.start(GW.kafka, "tracker-default",
                config -> config.with("tracker.resource", GatewayConfig.reference().trackerResource()))) {
            HttpResponse<byte[]> script = other.http.send(HttpRequest.newBuilder(URI.create(other.url("/footfall.js"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.body()).isEqualTo(built);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> getBytes(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GW.url(path))).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return GW.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode recordWithProperty(String property, String value) {
        var records = GW.records(list -> list.stream().anyMatch(r -> r.value().contains(value)));
        return records.stream().map(r -> json(r.value()))
                .filter(node -> value.equals(node.path("properties").path(property).asText()))
                .findFirst().orElseThrow();
    }


    @Test
    void shouldServeTheIngestRoutesAndTheTrackerUnderThePathPrefixAndTheOperationalRoutesAtTheRoot() throws IOException {
        try (TestGateway prefixed = TestGateway.start(GW.kafka, "prefix",
                config -> config.with(java.util.Map.of("http.path.prefix", "/stats/x", "tracker.alias", "p.js")))) {
            String messageId = id();
            HttpResponse<String> batch = prefixed.post("/stats/x/v1/batch", "{\"batch\":[{\"type\":\"track\",\"event\":\"E\","
                    + "\"userId\":\"u\",\"messageId\":\"" + messageId + "\"}]}", "Authorization", basic(SHOP_KEY));
            assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
            assertThat(prefixed.recordWithMessageId(messageId).path("event").asText()).isEqualTo("E");
            assertThat(prefixed.post("/stats/x/v1/t", "{\"event\":\"E\",\"userId\":\"u\"}", "Authorization", basic(SHOP_KEY))
                    .statusCode()).isEqualTo(200);
            assertThat(prefixed.post("/stats/x/api/events", "{\"name\":\"E\"}", "Origin", TestGateway.SHOP_ORIGIN)
                    .statusCode()).isEqualTo(200);

            byte[] original;
            try (var in = getClass().getClassLoader().getResourceAsStream("dev/footfall/gateway/test-tracker.js")) {
                original = in.readAllBytes();
            }
            for (String script : new String[] {"/stats/x/footfall.js", "/stats/x/p.js"}) {
                HttpResponse<String> served = prefixed.get(script);
                assertThat(served.statusCode()).as(script).isEqualTo(200);
                assertThat(served.body()).as(script).isEqualTo(new String(original, StandardCharsets.UTF_8));
            }

            HttpResponse<String> unprefixed = prefixed.post("/v1/batch", "{\"batch\":[]}", "Authorization", basic(SHOP_KEY));
            assertThat(unprefixed.statusCode()).as("the routes moved under the prefix").isEqualTo(404);
            assertThat(json(unprefixed).path("message").asText()).contains("/stats/x/v1/batch");
            assertThat(prefixed.get("/footfall.js").statusCode()).isEqualTo(404);
            assertThat(prefixed.get("/p.js").statusCode()).isEqualTo(404);
            assertThat(prefixed.get("/health").statusCode()).isEqualTo(200);
            assertThat(prefixed.get("/metrics").body()).contains("footfall_gateway_requests_total{route=\"/v1/batch\",status=\"200\"} 1");
        }
    }
}
