package dev.footfall.job.serialization;

import dev.footfall.job.model.DefinitionsRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads a record of the definitions topic as it is; parsing and checking happen in the operator,
 * which keeps the previous definitions when a record does not parse. A record without a key
 * names no site and is skipped.
 */
public final class DefinitionsRecordDeserializer implements KafkaRecordDeserializationSchema<DefinitionsRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<DefinitionsRecord> out) {
        if (record.key() == null) {
            return;
        }
        out.collect(new DefinitionsRecord(new String(record.key(), StandardCharsets.UTF_8), record.offset(),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8)));
    }

    @Override
    public TypeInformation<DefinitionsRecord> getProducedType() {
        return TypeInformation.of(DefinitionsRecord.class);
    }
}
