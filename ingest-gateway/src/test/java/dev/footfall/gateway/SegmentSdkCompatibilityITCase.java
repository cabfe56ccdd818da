package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
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
import dev.footfall.testkit.KafkaExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Existing Segment and RudderStack server SDKs, pointed at the gateway, work unchanged: the real
 * Segment Java SDK end to end, and the request shapes of the Node, Python, Go and RudderStack
 * SDKs (HTTP Basic with the write key, a batch with a top-level sentAt, context and metadata).
 */
class SegmentSdkCompatibilityITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static TestGateway gw;

    @BeforeAll
    static void startGateway() {
        gw = TestGateway.start(KAFKA.client(), "sdk");
    }

    @AfterAll
    static void stopGateway() {
        gw.close();
    }

    @Test
    void shouldTakeEveryMessageTypeFromTheRealSegmentJavaSdk() throws InterruptedException {
        Map<String, Message> delivered = new ConcurrentHashMap<>();
        Map<String, Throwable> failed = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(6);
        Analytics analytics = Analytics.builder(SHOP_KEY)
                .endpoint(gw.gateway.url())
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

        List<ConsumerRecord<String, String>> records = gw.records(list -> delivered.keySet().stream()
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
        String id = "node-" + UUID.randomUUID();
        String now = Instant.now().toString();
        String body = "{\"batch\":[{\"event\":\"Item Purchased\",\"userId\":\"node-user\",\"properties\":{\"price\":9.99},"
                + "\"type\":\"track\",\"context\":{\"library\":{\"name\":\"analytics-node\",\"version\":\"6.2.0\"}},"
                + "\"_metadata\":{\"nodeVersion\":\"18.19.0\",\"jsRuntime\":\"node\"},\"timestamp\":\"" + now + "\","
                + "\"messageId\":\"" + id + "\"}],\"timestamp\":\"" + now + "\",\"sentAt\":\"" + now + "\"}";

        HttpResponse<String> response = gw.post("/v1/batch", body, "Authorization", basic(SHOP_KEY),
                "User-Agent", "analytics-node/6.2.0", "Content-Type", "application/json");

        assertStored(response, id, "track", "analytics-node");
    }

    @Test
    void shouldTakeTheNewSegmentNodeSdkWhichSendsTheKeyInHeaderAndBody() {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        String body = "{\"batch\":[{\"type\":\"page\",\"name\":\"Docs\",\"anonymousId\":\"node-anon\",\"properties\":{},"
                + "\"context\":{\"library\":{\"name\":\"@segment/analytics-node\",\"version\":\"2.1.2\"}},"
                + "\"integrations\":{},\"messageId\":\"" + id + "\",\"timestamp\":\"" + now + "\","
                + "\"_metadata\":{\"jsRuntime\":\"node\"}}],\"writeKey\":\"" + SHOP_KEY + "\",\"sentAt\":\"" + now + "\"}";

        HttpResponse<String> response = gw.post("/v1/batch", body, "Authorization", basic(SHOP_KEY),
                "User-Agent", "analytics-node-next/latest");

        assertStored(response, id, "page", "@segment/analytics-node");
    }

    @Test
    void shouldTakeTheAnalyticsPythonBatchWithMicrosecondOffsetTimestamps() {
        String id = UUID.randomUUID().toString();
        // Python's datetime.isoformat(): microseconds and a +00:00 offset.
        String ts = Instant.now().minusSeconds(2).toString().replace("Z", "").substring(0, 19) + ".123456+00:00";
        String sentAt = Instant.now().toString().replace("Z", "").substring(0, 19) + ".654321+00:00";
        String body = "{\"batch\": [{\"userId\": \"py-user\", \"traits\": {\"email\": \"py@example.com\"}, "
                + "\"context\": {\"library\": {\"name\": \"analytics-python\", \"version\": \"2.3.2\"}}, "
                + "\"timestamp\": \"" + ts + "\", \"integrations\": {}, \"type\": \"identify\", \"messageId\": \"" + id
                + "\", \"anonymousId\": null}], \"sentAt\": \"" + sentAt + "\"}";

        HttpResponse<String> response = gw.post("/v1/batch", body, "Authorization", basic(SHOP_KEY),
                "User-Agent", "analytics-python/2.3.2", "Content-Type", "application/json");

        JsonNode record = assertStored(response, id, "identify", "analytics-python");
        assertThat(record.path("traits").path("email").asText()).isEqualTo("py@example.com");
    }

    @Test
    void shouldTakeTheAnalyticsGoBatchWithItsBatchLevelContextAndMessageId() {
        String id = UUID.randomUUID().toString();
        String body = "{\"batch\":[{\"type\":\"track\",\"messageId\":\"" + id + "\",\"userId\":\"go-user\","
                + "\"event\":\"Signed Up\",\"timestamp\":\"" + Instant.now() + "\",\"properties\":{\"plan\":\"Enterprise\"}}],"
                + "\"context\":{\"library\":{\"name\":\"analytics-go\",\"version\":\"3.3.0\"}},"
                + "\"messageId\":\"" + UUID.randomUUID() + "\",\"sentAt\":\"" + Instant.now() + "\"}";

        HttpResponse<String> response = gw.post("/v1/batch", body, "Authorization", basic(SHOP_KEY),
                "User-Agent", "analytics-go (version: 3.3.0)");

        assertStored(response, id, "track", "analytics-go");
    }

    @Test
    void shouldTakeTheRudderStackNodeSdkBatch() {
        String id = "node-" + UUID.randomUUID();
        String now = Instant.now().toString();
        String body = "{\"batch\":[{\"channel\":\"server\",\"context\":{\"library\":{\"name\":\"analytics-node\","
                + "\"version\":\"2.1.1\"}},\"type\":\"group\",\"groupId\":\"rudder-group\",\"userId\":\"rudder-user\","
                + "\"traits\":{\"name\":\"Rudder Co\"},\"_metadata\":{\"nodeVersion\":\"20.11.0\"},"
                + "\"originalTimestamp\":\"" + now + "\",\"messageId\":\"" + id + "\"}],\"sentAt\":\"" + now + "\"}";

        HttpResponse<String> response = gw.post("/v1/batch", body, "Authorization", basic(SHOP_KEY),
                "Content-Type", "application/json", "User-Agent", "rudder-sdk-node/2.1.1");

        JsonNode record = assertStored(response, id, "group", "analytics-node");
        assertThat(record.has("channel")).as("unknown top-level keys are not stored").isFalse();
        assertThat(record.has("_metadata")).isFalse();
    }

    private static JsonNode assertStored(HttpResponse<String> response, String messageId, String type, String library) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"success\":true}");
        JsonNode record = gw.recordWithMessageId(messageId);
        assertThat(record.path("type").asText()).isEqualTo(type);
        assertThat(record.path("siteId").asText()).isEqualTo("shop");
        assertThat(record.path("context").path("library").path("name").asText()).isEqualTo(library);
        Instant receivedAt = Instant.parse(record.path("receivedAt").asText());
        assertThat(Duration.between(Instant.parse(record.path("timestamp").asText()), receivedAt))
                .isBetween(Duration.ZERO, Duration.ofSeconds(30));
        return record;
    }
}
