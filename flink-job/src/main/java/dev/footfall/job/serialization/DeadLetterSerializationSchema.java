package dev.footfall.job.serialization;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.sink.IndexNames;
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
 */
public class DeadLetterSerializationSchema implements KafkaRecordSerializationSchema<InvalidEvent> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    private final String topic;

    public DeadLetterSerializationSchema(String topic) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("the dead-letter topic must be named");
        }
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(InvalidEvent e, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, e.key(), toJson(e));
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
                out.writeStringField("received_at", IndexNames.timestamp(e.receivedAt()));
            }
            out.writeStringField("payload", e.payload());
            out.writeStringField("topic", e.topic());
            out.writeNumberField("partition", e.partition());
            out.writeNumberField("offset", e.offset());
            out.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }
}
