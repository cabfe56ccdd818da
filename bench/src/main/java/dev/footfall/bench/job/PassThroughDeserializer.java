package dev.footfall.bench.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The pass-through floor's deserializer: no parsing, just the record's size. */
final class PassThroughDeserializer implements KafkaRecordDeserializationSchema<Integer> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Integer> out) {
        SourceClock.recordOne();
        out.collect(record.value() == null ? 0 : record.value().length);
    }

    @Override
    public TypeInformation<Integer> getProducedType() {
        return Types.INT;
    }
}
