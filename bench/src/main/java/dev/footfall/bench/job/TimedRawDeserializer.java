package dev.footfall.bench.job;

import dev.footfall.job.model.ValidatedRecord;
import dev.footfall.job.serialization.RawRecordDeserializer;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The job's own deserializer (parse and validate), noting when records start to flow. */
final class TimedRawDeserializer implements KafkaRecordDeserializationSchema<ValidatedRecord> {

    private static final long serialVersionUID = 1L;

    private final RawRecordDeserializer delegate = new RawRecordDeserializer();

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ValidatedRecord> out) throws IOException {
        SourceClock.recordOne();
        delegate.deserialize(record, out);
    }

    @Override
    public TypeInformation<ValidatedRecord> getProducedType() {
        return delegate.getProducedType();
    }
}
