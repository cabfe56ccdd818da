package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.gzip;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Existing Segment and RudderStack SDKs, pointed at the gateway, work unchanged: the real Segment
 * Java SDK end to end, and the request shapes (route, headers, Content-Type and -Encoding, where
 * the write key travels) of the Node, Python, Go and browser SDKs, as recorded from the real
 * packages. The sdk-compat module drives the real JavaScript SDKs themselves through the whole pipeline.
 */
class SegmentSdkCompatibilityITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("sdk");

    @Test
    void shouldTakeEveryMessageTypeFromTheRealSegmentJavaSdk() throws InterruptedException {
        Map<String, Message> delivered = new ConcurrentHashMap<>();
        Map<String, Throwable> failed = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(6);
        Analytics analytics = Analytics.builder(SHOP_KEY)
                .endpoint(GW.gateway.url())
                .flushQueueSize(6)
                .flushInterval(1, TimeUnit.SECONDS)
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        delivered.put(message.messageId(), message);
                        done.countDown();
                    }

                    @Override
                    public void failure(Message message, Throwable error) {
                        failed.put(message.messageId(), error);
                        done.countDown();
                    }
                })
                .build();
        try {
            analytics.enqueue(IdentifyMessage.builder().userId("java-user").traits(Map.of("plan", "pro")));
            analytics.enqueue(TrackMessage.builder("Order Completed").userId("java-user")
                    .properties(Map.of("revenue", 42.5, "currency", "EUR")));
            analytics.enqueue(PageMessage.builder("Pricing").anonymousId("java-anon").properties(Map.of("path", "/pricing")));
            analytics.enqueue(ScreenMessage.builder("Home").userId("java-user"));
            analytics.enqueue(GroupMessage.builder("acme").userId("java-user").traits(Map.of("seats", 12)));
            analytics.enqueue(AliasMessage.builder("java-anon").userId("java-user"));
            analytics.flush();
            assertThat(done.await(60, TimeUnit.SECONDS)).as("the SDK reported every message").isTrue();
        } finally {
            analytics.shutdown();
        }
        assertThat(failed).isEmpty();
        assertThat(delivered).hasSize(6);

        List<ConsumerRecord<String, String>> records = GW.records(list -> delivered.keySet().stream()
                .allMatch(id -> list.stream().anyMatch(r -> r.value().contains(id))));
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        records.forEach(r -> byId.put(json(r.value()).path("messageId").asText(), json(r.value())));
        for (Message message : delivered.values()) {
            JsonNode record = byId.get(message.messageId());
            assertThat(record.path("type").asText()).isEqualTo(message.type().name());
            assertThat(record.path("siteId").asText()).isEqualTo("shop");
            assertThat(record.path("context").path("library").path("name").asText()).isEqualTo("analytics-java");
        }
        JsonNode order = byId.values().stream().filter(n -> "Order Completed".equals(n.path("event").asText())).findFirst().orElseThrow();
        assertThat(order.path("properties").path("revenue").asDouble()).isEqualTo(42.5);
        assertThat(order.path("userId").asText()).isEqualTo("java-user");
    }

    @Test
    void shouldTakeTheClassicAnalyticsNodeBatch() {
        assertSdkRequestStored("track", "analytics-node", "/v1/batch", (id, now) ->
                "{\"batch\":[{\"event\":\"Item Purchased\",\"userId\":\"node-user\",\"properties\":{\"price\":9.99},"
                + "\"type\":\"track\",\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":\"6.2.0\"}},"
                + "\"_metadata\":{\"nodeVersion\":\"18.19.0\",\"jsRuntime\":\"node\"},\"timestamp\":\"" + now + "\","
                + "\"messageId\":\"" + id + "\"}],\"timestamp\":\"" + now + "\",\"sentAt\":\"" + now + "\"}",
                "Authorization", basic(SHOP_KEY), "User-Agent", "analytics-node/6.2.0", "Content-Type", "application/json");
    }

    @Test
    void shouldTakeTheNewSegmentNodeSdkWhichSendsTheKeyInHeaderAndBody() {
        assertSdkRequestStored("page", "@segment/analytics-node", "/v1/batch", (id, now) ->
                "{\"batch\":[{\"type\":\"page\",\"name\":\"Docs\",\"anonymousId\":\"node-anon\",\"properties\":{},"
                + "\"context\":{\"library\":{\"name\":\"@segment/analytics-node\",\"version\":\"2.1.2\"}},"
                + "\"integrations\":{},\"messageId\":\"" + id + "\",\"timestamp\":\"" + now + "\","
                + "\"_metadata\":{\"jsRuntime\":\"node\"}}],\"writeKey\":\"" + SHOP_KEY + "\",\"sentAt\":\"" + now + "\"}",
                "Authorization", basic(SHOP_KEY), "User-Agent", "analytics-node-next/latest");
    }

    @Test
    void shouldTakeTheAnalyticsPythonBatchWithMicrosecondOffsetTimestamps() {
        // Python's datetime.isoformat(): microseconds and a +00:00 offset.
        String ts = Instant.now().minusSeconds(2).toString().replace("Z", "").substring(0, 19) + ".123456+00:00";
        String sentAt = Instant.now().toString().replace("Z", "").substring(0, 19) + ".654321+00:00";
        JsonNode record = assertSdkRequestStored("identify", "analytics-python", "/v1/batch", (id, now) ->
                "{\"batch\": [{\"userId\": \"py-user\", \"traits\": {\"email\": \"py@example.com\"}, "
                + "\"context\": {\"library\": {\"name\": \"analytics-python\", \"version\": \"2.3.2\"}}, "
                + "\"timestamp\": \"" + ts + "\", \"integrations\": {}, \"type\": \"identify\", \"messageId\": \"" + id
                + "\", \"anonymousId\": null}], \"sentAt\": \"" + sentAt + "\"}",
                "Authorization", basic(SHOP_KEY), "User-Agent", "analytics-python/2.3.2", "Content-Type", "application/json");

        assertThat(record.path("traits").path("email").asText()).isEqualTo("py@example.com");
    }

    @Test
    void shouldTakeTheAnalyticsGoBatchWithItsBatchLevelContextAndMessageId() {
        assertSdkRequestStored("track", "analytics-go", "/v1/batch", (id, now) ->
                "{\"batch\":[{\"type\":\"track\",\"messageId\":\"" + id + "\",\"userId\":\"go-user\","
                + "\"event\":\"Signed Up\",\"timestamp\":\"" + now + "\",\"properties\":{\"plan\":\"Enterprise\"}}],"
                + "\"context\":{\"library\":{\"name\":\"analytics-go\",\"version\":\"3.3.0\"}},"
                + "\"messageId\":\"" + UUID.randomUUID() + "\",\"sentAt\":\"" + now + "\"}",
                "Authorization", basic(SHOP_KEY), "User-Agent", "analytics-go (version: 3.3.0)");
    }

    /** What @rudderstack/rudder-sdk-node 3.1.1 sends: a gzipped JSON batch its HTTP client labels as a form. */
    @Test
    void shouldTakeTheRudderStackNodeSdksGzippedBatchLabelledAsAForm() {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        String body = "{\"batch\":[{\"userId\":\"rudder-user\",\"groupId\":\"rudder-group\",\"traits\":{\"name\":\"Rudder Co\"},"
                + "\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":\"3.1.1\"}},\"type\":\"group\","
                + "\"channel\":\"server\",\"_metadata\":{\"nodeVersion\":\"20.20.2\"},\"originalTimestamp\":\"" + now + "\","
                + "\"messageId\":\"" + id + "\",\"sentAt\":\"" + now + "\"}],\"timestamp\":\"" + now + "\",\"sentAt\":\"" + now + "\"}";

        HttpResponse<String> response = GW.postBytes("/v1/batch", gzip(body), "Authorization", basic(SHOP_KEY),
                "Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip",
                "Accept", "application/json, text/plain, */*", "User-Agent", "analytics-node/3.1.1");

        JsonNode record = assertStored(response, id, "group", "analytics-node");
        assertThat(record.has("channel")).as("unknown top-level keys are not stored").isFalse();
        assertThat(record.has("_metadata")).isFalse();
    }

    @Test
    void shouldStillRefuseAnUncompressedFormAndAFormBombOverTheLimit() {
        HttpResponse<String> form = GW.post("/v1/batch", "batch=1", "Authorization", basic(SHOP_KEY),
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json(form).path("reason").asText()).isEqualTo("unsupported_media_type");

        // 600,000 spaces inside a valid JSON batch inflate past the 512,000-byte limit from about 600 bytes.
        byte[] bomb = gzip("{\"batch\":[" + " ".repeat(600_000) + "{\"type\":\"track\",\"event\":\"E\",\"userId\":\"u\"}]}");
        assertThat(bomb.length).isLessThan(2_000);
        HttpResponse<String> inflated = GW.postBytes("/v1/batch", bomb, "Authorization", basic(SHOP_KEY),
                "Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip");
        assertThat(inflated.statusCode()).isEqualTo(413);
        assertThat(json(inflated).path("reason").asText()).isEqualTo("batch_too_large");

        HttpResponse<String> notJson = GW.postBytes("/v1/batch", gzip("batch=1&event=E"), "Authorization", basic(SHOP_KEY),
                "Content-Type", "application/x-www-form-urlencoded", "Content-Encoding", "gzip");
        assertThat(notJson.statusCode()).as("the label does not change how the body is read").isEqualTo(400);
        assertThat(json(notJson).path("reason").asText()).isEqualTo("malformed_json");
    }

    /**
     * What @segment/analytics-next 1.84 sends by default from a page of another origin: one event per
     * request to /v1/ and the first letter of its type, text/plain, the write key in the body and
     * as HTTP Basic (which makes the browser send a preflight).
     */
    @Test
    void shouldTakeAnalyticsNextsDefaultDeliveryToTheOneLetterRoutes() {
        String now = Instant.now().toString();
        for (String[] typeAndField : new String[][] {{"track", "\"event\":\"Ordered\""}, {"page", "\"name\":\"Home\""},
                {"identify", "\"traits\":{\"plan\":\"pro\"}"}}) {
            String id = "ajs-next-" + UUID.randomUUID();
            String body = "{" + typeAndField[1] + ",\"type\":\"" + typeAndField[0] + "\",\"userId\":\"u-next\","
                    + "\"anonymousId\":\"" + UUID.randomUUID() + "\",\"messageId\":\"" + id + "\",\"timestamp\":\"" + now + "\","
                    + "\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.84.3\"},"
                    + "\"userAgent\":\"Mozilla/5.0\",\"page\":{\"url\":\"http://shop.test/\",\"path\":\"/\"}},"
                    + "\"integrations\":{},\"writeKey\":\"" + SHOP_KEY + "\",\"sentAt\":\"" + now + "\","
                    + "\"_metadata\":{\"bundled\":[\"Segment.io\"],\"unbundled\":[],\"bundledIds\":[]}}";

            HttpResponse<String> response = GW.post("/v1/" + typeAndField[0].charAt(0), body, "Content-Type", "text/plain",
                    "Authorization", basic(SHOP_KEY), "Origin", SHOP_ORIGIN);

            assertStored(response, id, typeAndField[0], "analytics.js");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(SHOP_ORIGIN);
        }
    }

    /** analytics-next's batching delivery: /v1/b, the key as Basic, at the top and in every event; X-Retry-Count on a retry. */
    @Test
    void shouldTakeAnalyticsNextsBatchingDelivery() {
        assertSdkRequestStored("track", "analytics.js", "/v1/b", (id, now) ->
                "{\"writeKey\":\"" + SHOP_KEY + "\",\"batch\":[{\"event\":\"Ordered\",\"type\":\"track\","
                + "\"anonymousId\":\"anon-next\",\"messageId\":\"" + id + "\",\"timestamp\":\"" + now + "\","
                + "\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.84.3\"}},"
                + "\"writeKey\":\"" + SHOP_KEY + "\",\"_metadata\":{\"retryCount\":1}}],\"sentAt\":\"" + now + "\"}",
                "Content-Type", "text/plain", "Authorization", basic(SHOP_KEY), "X-Retry-Count", "1", "Origin", SHOP_ORIGIN);
    }

    /**
     * What @rudderstack/analytics-js 3.34 sends from a page: JSON to /v1/<type> (or /v1/batch when
     * batching) with HTTP Basic, AnonymousId (Base64) and SentAt headers, and on a retry the Rsa-*
     * headers; the gateway reads none of the extra headers.
     */
    @Test
    void shouldTakeRudderStacksBrowserSdkWithItsRetryHeaders() {
        String sentAt = Instant.now().toString();
        JsonNode record = assertSdkRequestStored("track", "RudderLabs JavaScript SDK", "/v1/track", (id, now) ->
                "{\"channel\":\"web\",\"context\":{\"library\":{\"name\":\"RudderLabs JavaScript SDK\","
                + "\"version\":\"3.34.1\"},\"page\":{\"url\":\"http://shop.test/\",\"path\":\"/\"}},"
                + "\"type\":\"track\",\"event\":\"Ordered\",\"properties\":{},\"originalTimestamp\":\"" + sentAt + "\","
                + "\"anonymousId\":\"rs-anon\",\"messageId\":\"" + id + "\",\"integrations\":{\"All\":true},"
                + "\"userId\":\"\",\"sentAt\":\"" + sentAt + "\"}",
                "Content-Type", "application/json;charset=UTF-8", "Accept", "application/json",
                "Authorization", basic(SHOP_KEY), "AnonymousId", "cnMtYW5vbg==",
                "SentAt", sentAt, "Rsa-Retry-Attempt", "1", "Rsa-Since-Last-Attempt", "1042", "Rsa-Since-First-Attempt", "1042",
                "Rsa-Retry-Reason", "server-429", "Origin", SHOP_ORIGIN);

        assertThat(record.has("userId")).as("an empty userId is no user id").isFalse();
    }

    /** RudderStack's beacon mode: sendBeacon cannot set headers, so the key is in the query and the body is text/plain. */
    @Test
    void shouldTakeRudderStacksBeaconWithTheKeyInTheQuery() {
        assertSdkRequestStored("page", "RudderLabs JavaScript SDK", "/beacon/v1/batch?writeKey=" + SHOP_KEY, (id, now) ->
                "{\"batch\":[{\"channel\":\"web\",\"context\":{\"library\":{\"name\":\"RudderLabs JavaScript SDK\","
                + "\"version\":\"3.34.1\"}},\"type\":\"page\",\"name\":\"Home\",\"properties\":{},"
                + "\"originalTimestamp\":\"" + now + "\",\"anonymousId\":\"rs-anon\",\"messageId\":\"" + id + "\","
                + "\"sentAt\":\"" + now + "\"}],\"sentAt\":\"" + now + "\"}",
                "Content-Type", "text/plain", "Origin", SHOP_ORIGIN);
    }

    /**
     * POSTs a request as an SDK sends it, its body made with a fresh message id and the current
     * time, and checks the event was stored as {@code type} from {@code library}.
     */
    private static JsonNode assertSdkRequestStored(String type, String library, String path,
            BiFunction<String, String, String> bodyWithIdAndTime, String... headers) {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> response = GW.post(path, bodyWithIdAndTime.apply(id, Instant.now().toString()), headers);
        return assertStored(response, id, type, library);
    }

    private static JsonNode assertStored(HttpResponse<String> response, String messageId, String type, String library) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
        JsonNode record = GW.recordWithMessageId(messageId);
        assertThat(record.path("type").asText()).isEqualTo(type);
        assertThat(record.path("siteId").asText()).isEqualTo("shop");
        assertThat(record.path("context").path("library").path("name").asText()).isEqualTo(library);
        Instant receivedAt = Instant.parse(record.path("receivedAt").asText());
        assertThat(Duration.between(Instant.parse(record.path("timestamp").asText()), receivedAt))
                .isBetween(Duration.ZERO, Duration.ofSeconds(30));
        return record;
    }
}
