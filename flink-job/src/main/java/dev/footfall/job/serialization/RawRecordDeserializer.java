package dev.footfall.job.serialization;

import dev.footfall.job.functions.ValidateEvent;
import dev.footfall.job.model.RawRecord;
import dev.footfall.job.model.ValidatedRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads raw-topic records and validates them on the spot. Doing it here rather than in a later
 * operator means the source knows each valid event's time, so watermarks are generated per Kafka
 * partition: after a restart, a partition that catches up slower than another does not see its
 * events turn late. One record in, exactly one {@link ValidatedRecord} out; it never throws.
 */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<ValidatedRecord> {

    private static final long serialVersionUID = 1L;

    private final ValidateEvent validate = new ValidateEvent();

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ValidatedRecord> out) {
        out.collect(validate.map(new RawRecord(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value())));
    }

    @Override
    public TypeInformation<ValidatedRecord> getProducedType() {
        return TypeInformation.of(ValidatedRecord.class);
    }
}
