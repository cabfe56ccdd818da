package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batches: valid events are stored, invalid ones are listed by index and reason, nothing else. */
class BatchValidationITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("batch");

    @Test
    void shouldStoreTheValidEventsOfABatchAndListEachRejectedOneByIndexAndReason() {
        String run = UUID.randomUUID().toString();
        String body = "{\"batch\":["
                + "{\"type\":\"track\",\"event\":\"Ok 0\",\"userId\":\"u\",\"messageId\":\"" + run + "-0\"},"
                + "{\"type\":\"track\",\"userId\":\"u\",\"messageId\":\"" + run + "-1\"},"
                + "{\"type\":\"page\",\"name\":\"Ok 2\",\"anonymousId\":\"a\",\"messageId\":\"" + run + "-2\"},"
                + "{\"type\":\"track\",\"event\":\"Big\",\"userId\":\"u\",\"messageId\":\"" + run + "-3\",\"properties\":{\"pad\":\""
                + "x".repeat(33_000) + "\"}},"
                + "\"not an object\","
                + "{\"type\":\"track\",\"event\":\"Just under\",\"userId\":\"u\",\"messageId\":\"" + run + "-5\",\"properties\":{\"pad\":\""
                + "y".repeat(31_000) + "\"}}"
                + "]}";

        HttpResponse<String> response = GW.post("/v1/batch", body, "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.path("success").asBoolean()).isTrue();
        assertThat(answer.path("accepted").asInt()).isEqualTo(3);
        assertThat(answer.path("rejected")).hasSize(3);
        assertRejected(answer.path("rejected").get(0), 1, "missing_event_name");
        assertRejected(answer.path("rejected").get(1), 3, "event_too_large");
        assertRejected(answer.path("rejected").get(2), 4, "not_an_object");

        List<String> stored = GW.records(list -> list.stream().filter(r -> r.value().contains(run)).count() >= 3).stream()
                .map(r -> json(r.value()).path("messageId").asText()).filter(id -> id.startsWith(run)).sorted().toList();
        assertThat(stored).containsExactly(run + "-0", run + "-2", run + "-5");
    }

    @Test
    void shouldRefuseABatchWhoseEveryEventIsInvalidWith400AndTheFirstReason() {
        HttpResponse<String> response = GW.post("/v1/batch",
                "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\"},{\"type\":\"alias\",\"userId\":\"u\"}]}",
                "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = json(response);
        assertThat(answer.path("success").asBoolean(true)).isFalse();
        assertThat(answer.path("reason").asText()).isEqualTo("missing_event_name");
        assertThat(answer.path("accepted").asInt(-1)).isZero();
        assertRejected(answer.path("rejected").get(0), 0, "missing_event_name");
        assertRejected(answer.path("rejected").get(1), 1, "missing_previous_id");
    }

    @Test
    void shouldApplyTheBatchsSentAtAndContextToEveryMessage() {
        // A client whose clock is an hour slow: its event happened 10 s before it sent the batch.
        Instant clientNow = Instant.now().minus(Duration.ofHours(1));
        String messageId = "ctx-" + UUID.randomUUID();
        String body = "{\"batch\":[{\"type\":\"track\",\"event\":\"Go\",\"userId\":\"u\",\"messageId\":\"" + messageId
                + "\",\"timestamp\":\"" + clientNow.minusSeconds(10) + "\",\"context\":{\"locale\":\"de-DE\"}}],"
                + "\"sentAt\":\"" + clientNow + "\",\"context\":{\"library\":{\"name\":\"analytics-go\",\"version\":\"3.3.0\"},"
                + "\"locale\":\"en-US\"}}";

        assertThat(GW.post("/v1/batch", body, "Authorization", basic(SHOP_KEY)).statusCode()).isEqualTo(200);

        JsonNode record = GW.recordWithMessageId(messageId);
        Instant receivedAt = Instant.parse(record.path("receivedAt").asText());
        assertThat(Duration.between(Instant.parse(record.path("timestamp").asText()), receivedAt))
                .as("event time corrected by the batch's sentAt").isEqualTo(Duration.ofSeconds(10));
        assertThat(record.path("originalTimestamp").asText()).isEqualTo(clientNow.minusSeconds(10).toString());
        assertThat(record.path("context").path("library").path("name").asText()).isEqualTo("analytics-go");
        assertThat(record.path("context").path("locale").asText()).as("the message's own context wins").isEqualTo("de-DE");
    }

    private static void assertRejected(JsonNode item, int index, String reason) {
        assertThat(item.path("index").asInt(-1)).isEqualTo(index);
        assertThat(item.path("reason").asText()).isEqualTo(reason);
        assertThat(item.path("message").asText()).isNotBlank();
    }
}
