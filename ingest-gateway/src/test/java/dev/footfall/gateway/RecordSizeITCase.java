package dev.footfall.gateway;

import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_ORIGIN;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.event.EventCodec;
import dev.footfall.event.EventRules;
import dev.footfall.event.Outcome;
import dev.footfall.event.TrackedEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the gateway acknowledges, the job accepts: the 32 KB limit is applied to the record the
 * gateway writes (with the User-Agent it copies from the request header and a batch's shared
 * context), exactly as the job measures it. Before, a body just under the limit with a long
 * User-Agent was answered 200 and then dead-lettered by the job as too large: acknowledged and
 * never indexed.
 */
class RecordSizeITCase {

    @RegisterExtension
    static final TestGateway GW = TestGateway.perClass("record-size");

    private static final EventRules JOB_RULES = EventRules.defaults();
    private static final String LONG_USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) " + "Plugin/1.0 ".repeat(280) + "End";

    @Test
    void shouldRefuseAnEventThatTheCopiedUserAgentTakesOverTheLimitInsteadOfAcknowledgingIt() {
        String run = UUID.randomUUID().toString();
        String body = browserTrack(run + "-big", 32_700);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32_768);

        HttpResponse<String> refused = GW.post("/v1/track", body, "Origin", SHOP_ORIGIN, "User-Agent", LONG_USER_AGENT);
        HttpResponse<String> accepted = GW.post("/v1/track", browserTrack(run + "-fits", 28_000),
                "Origin", SHOP_ORIGIN, "User-Agent", LONG_USER_AGENT);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(json(refused).path("reason").asText()).isEqualTo("event_too_large");
        assertThat(json(refused).path("message").asText()).contains("the limit is 32768");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        List<ConsumerRecord<String, String>> stored = recordsOf(run, run + "-fits");
        assertThat(stored).as("only the event that fits is stored").hasSize(1);
        assertThat(json(stored.get(0).value()).path("context").path("userAgent").asText()).isEqualTo(LONG_USER_AGENT);
        assertThat(stored).allMatch(RecordSizeITCase::acceptedByTheJob);
    }

    @Test
    void shouldRejectTheBatchElementThatTheSharedContextTakesOverTheLimitAndStoreTheRest() {
        String run = UUID.randomUUID().toString();
        String sharedContext = "{\"library\":{\"name\":\"analytics-go\",\"version\":\"3.3.0\"},\"note\":\""
                + "c".repeat(3_000) + "\"}";
        String body = "{\"context\":" + sharedContext + ",\"batch\":["
                + element(run + "-0", 100) + ","
                + element(run + "-1", 31_000) + ","
                + element(run + "-2", 27_000) + "]}";

        HttpResponse<String> response = GW.post("/v1/batch", body, "Authorization", basic(SHOP_KEY));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(answer.path("rejected")).hasSize(1);
        assertThat(answer.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(answer.path("rejected").get(0).path("reason").asText()).isEqualTo("event_too_large");
        List<ConsumerRecord<String, String>> stored = recordsOf(run, run + "-0", run + "-2");
        assertThat(stored).extracting(r -> json(r.value()).path("messageId").asText())
                .containsExactlyInAnyOrder(run + "-0", run + "-2");
        assertThat(stored).allMatch(RecordSizeITCase::acceptedByTheJob);
    }

    private static String browserTrack(String messageId, int totalBytes) {
        String head = "{\"event\":\"Big\",\"anonymousId\":\"anon-1\",\"messageId\":\"" + messageId
                + "\",\"properties\":{\"pad\":\"";
        String tail = "\"}}";
        return head + "p".repeat(totalBytes - head.length() - tail.length()) + tail;
    }

    private static String element(String messageId, int padBytes) {
        return "{\"type\":\"track\",\"event\":\"Batch\",\"userId\":\"u-1\",\"messageId\":\"" + messageId
                + "\",\"properties\":{\"pad\":\"" + "b".repeat(padBytes) + "\"}}";
    }

    /** The job's own check of a raw-topic record (the one ValidateEvent applies). */
    private static boolean acceptedByTheJob(ConsumerRecord<String, String> record) {
        byte[] value = record.value().getBytes(StandardCharsets.UTF_8);
        Outcome<TrackedEvent> checked = EventCodec.fromRecord(value).then(e -> JOB_RULES.checkRecord(e, value.length));
        assertThat(checked.isAccepted()).as(() -> String.valueOf(checked.rejection())).isTrue();
        return true;
    }

    /**
     * The stored records of one run, read once the given message ids are there. Each run's events
     * share a partition (one visitor), so a record written before them is read with them.
     */
    private static List<ConsumerRecord<String, String>> recordsOf(String run, String... awaited) {
        List<ConsumerRecord<String, String>> all = GW.records(list -> java.util.Arrays.stream(awaited)
                .allMatch(id -> list.stream().anyMatch(r -> r.value().contains("\"" + id + "\""))));
        return all.stream().filter(r -> r.value().contains(run)).toList();
    }
}
