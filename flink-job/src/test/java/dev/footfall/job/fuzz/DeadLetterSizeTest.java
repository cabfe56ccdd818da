package dev.footfall.job.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.serialization.DeadLetterSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A dead letter always fits in a Kafka record (1 MiB by default), however its payload escapes:
 * one that did not failed the dead-letter sink, and the job with it (found by
 * {@link RawTopicFuzzITCase}). Small payloads stay whole.
 */
class DeadLetterSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KAFKA_DEFAULT_MAX_REQUEST_BYTES = 1_048_576;
    private final DeadLetterSerializationSchema schema = new DeadLetterSerializationSchema("raw.invalid");

    @Test
    void shouldCutAPayloadThatWouldNotFitAndSaySo() throws Exception {
        String[] payloads = {"\u0001".repeat(999_000), "\"".repeat(999_000), "😀".repeat(250_000),
                "é".repeat(600_000), "a".repeat(999_000) + "\u0000"};
        for (String payload : payloads) {
            for (int keyBytes : new int[] {0, 1_000, 500_000, 990_000}) {
                ProducerRecord<byte[], byte[]> letter = serialize(payload, new byte[keyBytes]);
                int size = letter.value().length + (letter.key() == null ? 0 : letter.key().length);
                assertThat(size).as("dead letter of %d chars with a %d-byte key", payload.length(), keyBytes)
                        .isLessThan(KAFKA_DEFAULT_MAX_REQUEST_BYTES - 1024);
                JsonNode json = JSON.readTree(letter.value());
                String kept = json.path("payload").asText();
                assertThat(payload).startsWith(kept);
                assertThat(json.path("payload_truncated").asBoolean()).isEqualTo(kept.length() < payload.length());
                assertThat(kept.length()).as("not cut further than needed").isGreaterThanOrEqualTo(keyBytes > 900_000 ? 0 : 15_000);
            }
        }
    }

    @Test
    void shouldKeepAPayloadThatFitsWhole() throws Exception {
        String payload = "{\"type\":\"page\",\"p\":\"" + "x\u0001\"😀".repeat(20_000) + "\"}";
        JsonNode json = JSON.readTree(serialize(payload, "shop/v1".getBytes()).value());
        assertThat(json.path("payload").asText()).isEqualTo(payload);
        assertThat(json.has("payload_truncated")).isFalse();
    }

    @Test
    void shouldWriteADeadLetterDatedBefore1970() {
        // A record may claim any receivedAt; its time becomes the element's, and Kafka refuses negative ones.
        ProducerRecord<byte[], byte[]> letter = schema.serialize(invalid("{}", null), null, -62_167_219_200_000L);
        assertThat(letter.timestamp()).isNull();
        assertThat(schema.serialize(invalid("{}", null), null, 1_700_000_000_000L).timestamp()).isEqualTo(1_700_000_000_000L);
    }

    private ProducerRecord<byte[], byte[]> serialize(String payload, byte[] key) {
        return schema.serialize(invalid(payload, key), null, 0L);
    }

    private static InvalidEvent invalid(String payload, byte[] key) {
        return new InvalidEvent("malformed_json", "broken", "shop", null, 0L, payload, payload.length(), "raw", 0, 7L,
                key, null, null, null);
    }
}
