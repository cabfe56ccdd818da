package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The raw client address never leaves the gateway: Kafka gets a truncated network and, for
 * events without ids, a salted hash. Scanned in every record, keys included.
 */
class PrivacyITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final List<String> RAW_ADDRESSES = List.of(
            "127.0.0.1", "203.0.113.77", "198.51.100.23", "198.51.100.200", "2001:db8:1234:5678", "2001:0db8:1234:5678");

    private static GatewayConfig behindProxy(GatewayConfig config) {
        return config.with("trusted.proxies", "127.0.0.1/32, ::1");
    }

    private static String simpleEvent(String marker) {
        return "{\"name\":\"Visited\",\"data\":{\"marker\":\"" + marker + "\"}}";
    }

    @Test
    void shouldStoreOnlyTruncatedAddressesAndHashesNeverTheRawAddress() {
        String run = UUID.randomUUID().toString();
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "privacy", PrivacyITCase::behindProxy)) {
            // The left entry is whatever the client wrote; the proxy appended the real peer.
            assertThat(gw.post("/api/events", simpleEvent(run + "-v4"), "Origin", SHOP_ORIGIN,
                    "X-Forwarded-For", "198.51.100.23, 203.0.113.77", "User-Agent", "UA-1").statusCode()).isEqualTo(200);
            assertThat(gw.post("/api/events", simpleEvent(run + "-v6"), "Origin", SHOP_ORIGIN,
                    "X-Forwarded-For", "2001:db8:1234:5678::99", "User-Agent", "UA-1").statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/track", "{\"event\":\"Server\",\"userId\":\"u\",\"properties\":{\"marker\":\"" + run
                    + "-ctx\"},\"context\":{\"ip\":\"198.51.100.200\"}}", "Authorization", basic(SHOP_KEY)).statusCode())
                    .isEqualTo(200);

            List<ConsumerRecord<String, String>> records =
                    gw.records(list -> list.stream().filter(r -> r.value().contains(run)).count() == 3);

            JsonNode v4 = byMarker(records, run + "-v4");
            assertThat(v4.path("clientAddress").asText()).isEqualTo("203.0.113.0");
            assertThat(byMarker(records, run + "-v6").path("clientAddress").asText()).isEqualTo("2001:db8:1234::");
            JsonNode server = byMarker(records, run + "-ctx");
            assertThat(server.path("context").path("ip").asText()).isEqualTo("198.51.100.0");
            assertThat(server.path("clientAddress").asText()).isEqualTo("127.0.0.0");
            for (ConsumerRecord<String, String> record : records) {
                for (String raw : RAW_ADDRESSES) {
                    assertThat(record.value()).doesNotContain(raw);
                    assertThat(record.key()).doesNotContain(raw);
                }
            }
        }
    }

    @Test
    void shouldReadEveryForwardedForLineSoAClientCannotPlantItsOwnFirst() {
        String run = UUID.randomUUID().toString();
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "xff-lines", PrivacyITCase::behindProxy)) {
            // The client forged the first line; the proxy added the second instead of appending.
            gw.post("/api/events", simpleEvent(run), "Origin", SHOP_ORIGIN,
                    "X-Forwarded-For", "198.51.100.23", "X-Forwarded-For", "203.0.113.77");

            JsonNode record = byMarker(gw.records(list -> list.stream().anyMatch(r -> r.value().contains(run))), run);
            assertThat(record.path("clientAddress").asText()).isEqualTo("203.0.113.0");
        }
    }

    @Test
    void shouldIgnoreForwardedForFromPeersThatAreNotTrustedProxies() {
        String run = UUID.randomUUID().toString();
        try (TestGateway gw = TestGateway.start(KAFKA.client(), "untrusted")) {
            gw.post("/api/events", simpleEvent(run), "Origin", SHOP_ORIGIN, "X-Forwarded-For", "203.0.113.77");

            JsonNode record = byMarker(gw.records(list -> list.stream().anyMatch(r -> r.value().contains(run))), run);
            assertThat(record.path("clientAddress").asText()).isEqualTo("127.0.0.0");
        }
    }

    @Test
    void shouldGiveTheSameCookielessVisitorTheSameIdAcrossRequestsAndRestartsAndOthersAnother() {
        KafkaTestClient kafka = KAFKA.client();
        String topic = TestGateway.newTopic(kafka, "visitors");
        GatewayConfig config = behindProxy(TestGateway.config(kafka, topic));
        String run = UUID.randomUUID().toString();
        try (TestGateway gw = TestGateway.start(kafka, topic, config)) {
            visit(gw, run + "-a1", "203.0.113.77", "Firefox");
            visit(gw, run + "-a2", "203.0.113.77", "Firefox");
            visit(gw, run + "-ua", "203.0.113.77", "Chrome");
            visit(gw, run + "-ip", "203.0.113.78", "Firefox");
        }
        try (TestGateway restarted = TestGateway.start(kafka, topic, config)) {
            visit(restarted, run + "-after", "203.0.113.77", "Firefox");
            List<ConsumerRecord<String, String>> records =
                    restarted.records(list -> list.stream().filter(r -> r.value().contains(run)).count() == 5);

            String visitor = byMarker(records, run + "-a1").path("visitorId").asText();
            assertThat(visitor).matches("[0-9a-f]{16}");
            assertThat(byMarker(records, run + "-a2").path("visitorId").asText()).isEqualTo(visitor);
            assertThat(byMarker(records, run + "-after").path("visitorId").asText())
                    .as("same salt directory, same day: same id after a restart").isEqualTo(visitor);
            assertThat(byMarker(records, run + "-ua").path("visitorId").asText()).isNotEqualTo(visitor);
            assertThat(byMarker(records, run + "-ip").path("visitorId").asText()).isNotEqualTo(visitor);
            assertThat(records.stream().filter(r -> r.value().contains(run + "-a")).map(ConsumerRecord::key))
                    .containsOnly("shop/" + visitor);
        }
    }

    private static void visit(TestGateway gw, String marker, String address, String userAgent) {
        assertThat(gw.post("/api/events", simpleEvent(marker), "Origin", SHOP_ORIGIN, "X-Forwarded-For", address,
                "User-Agent", userAgent).statusCode()).isEqualTo(200);
    }

    private static JsonNode byMarker(List<ConsumerRecord<String, String>> records, String marker) {
        return records.stream().map(r -> json(r.value()))
                .filter(node -> marker.equals(node.path("properties").path("marker").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no record with marker " + marker));
    }
}
