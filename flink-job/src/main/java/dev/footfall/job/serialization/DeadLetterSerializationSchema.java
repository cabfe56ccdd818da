package dev.footfall.job.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.footfall.index.IndexDays;
import dev.footfall.job.model.InvalidEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an invalid record to the dead-letter topic, under its original key, as
 * {@code {reason, message, site_id, received_at, payload, topic, partition, offset}}
 * (docs/index-schema.md). {@code topic/partition/offset} identify the record, so a consumer can
 * drop the copies an at-least-once replay may add.
 *
 * <p>A dead letter must fit in a Kafka record, or the sink fails and with it the job. Escaping
 * makes text larger (a control character becomes six bytes), so a raw record close to the
 * broker's limit would not fit as a payload: the payload is then cut to what fits and
 * {@code payload_truncated} is set. The whole record is still in the raw topic, at
 * {@code topic/partition/offset}.
 */
public class DeadLetterSerializationSchema implements KafkaRecordSerializationSchema<InvalidEvent> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    /** What a dead letter (key and value) may take: below the producer's and broker's 1 MiB default. */
    static final int MAX_RECORD_BYTES = 1_000_000;
    /** Room kept for every field but the payload (a site id is at most 1,024 characters). */
    private static final int OTHER_FIELDS_BYTES = 16 * 1024;

    private final String topic;

    public DeadLetterSerializationSchema(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the dead-letter topic must be named");
        }
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(InvalidEvent e, KafkaSinkContext context, Long timestamp) {
        // The element's time is the record's receipt time as it claims it; Kafka refuses a negative
        // one (a receivedAt before 1970), and would fail the job: the producer's clock stands in.
        Long kafkaTimestamp = timestamp == null || timestamp < 0 ? null : timestamp;
        return new ProducerRecord<>(topic, null, kafkaTimestamp, e.key(), toJson(e));
    }

    static byte[] toJson(InvalidEvent e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + e.payloadBytes());
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("reason", e.reason());
            out.writeStringField("message", e.message());
            if (e.siteId() != null) {
                out.writeStringField("site_id", e.siteId());
            }
            if (e.receivedAt() != null) {
                out.writeStringField("received_at", IndexDays.timestamp(e.receivedAt()));
            }
            String payload = e.payload() == null ? "" : e.payload();
            int keyBytes = e.key() == null ? 0 : e.key().length;
            int fits = prefixThatFits(payload, Math.max(0, MAX_RECORD_BYTES - OTHER_FIELDS_BYTES - keyBytes));
            out.writeStringField("payload", fits == payload.length() ? payload : payload.substring(0, fits));
            if (fits < payload.length()) {
                out.writeBooleanField("payload_truncated", true);
            }
            out.writeStringField("topic", e.topic());
            out.writeNumberField("partition", e.partition());
            out.writeNumberField("offset", e.offset());
            out.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * How many characters of {@code text} fit in {@code budget} bytes once written as an escaped
     * JSON string in UTF-8; never splits a surrogate pair.
     */
    static int prefixThatFits(String text, int budget) {
        long used = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int cost;
            if (c < 0x20) {
                cost = 6; // a six-byte unicode escape (a few have two-byte ones; six keeps the bound safe)
            } else if (c == '"' || c == '\\') {
                cost = 2;
            } else if (c < 0x80) {
                cost = 1;
            } else if (c < 0x800) {
                cost = 2;
            } else if (Character.isSurrogate(c)) {
                // Jackson writes each half of a pair as its own six-byte escape; a pair stays whole
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                int pairCost = pair ? 12 : 6;
                if (used + pairCost > budget) {
                    return i;
                }
                used += pairCost;
                i += pair ? 1 : 0;
                continue;
            } else {
                cost = 3;
            }
            if (used + cost > budget) {
                return i;
            }
            used += cost;
        }
        return text.length();
    }
}
