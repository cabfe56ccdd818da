package dev.footfall.job.source;

import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.job.model.DefinitionsRecord;
import dev.footfall.job.serialization.DefinitionsRecordDeserializer;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

/**
 * The definitions topic as a source of the broadcast stream, and how the operator that reads it
 * learns what is in force before its first event.
 *
 * <p>The topic is compacted, so it is read from its start on every start without state; with
 * state, from the checkpointed offsets like the raw topic. It is subscribed by pattern: a missing
 * topic is no error (the job then has no definitions until {@code footfall definitions apply}
 * creates it; new partitions are found within {@link #DISCOVERY_INTERVAL_MS}).
 */
public final class DefinitionsSource {

    static final long DISCOVERY_INTERVAL_MS = 10_000;

    private DefinitionsSource() {
    }

    public static KafkaSource<DefinitionsRecord> create(String bootstrapServers, String topic, String consumerGroup) {
        return KafkaSource.<DefinitionsRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopicPattern(Pattern.compile(Pattern.quote(topic)))
                .setGroupId(consumerGroup)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new DefinitionsRecordDeserializer())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("partition.discovery.interval.ms", Long.toString(DISCOVERY_INTERVAL_MS))
                .build();
    }

    /**
     * Definitions hold no event time: this input never holds the operator's event time back (its
     * watermark is always the end of time), so the events' watermarks alone drive the timers.
     */
    public static WatermarkStrategy<DefinitionsRecord> watermarks() {
        return WatermarkStrategy.forGenerator(context -> new EndOfTime());
    }

    private static final class EndOfTime implements WatermarkGenerator<DefinitionsRecord> {
        @Override
        public void onEvent(DefinitionsRecord event, long eventTimestamp, WatermarkOutput output) {
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(Watermark.MAX_WATERMARK);
        }
    }

    /**
     * What is in force when the operator starts without definitions in its state. Without it, the
     * events read in the first moments of a fresh start would race the definitions and be matched
     * against none.
     */
    public interface Initial extends Serializable {
        Map<String, DefinitionsRecord> load();

        /** Reads the topic to its end (see {@link DefinitionsTopic#readAll}). */
        static Initial fromTopic(String bootstrapServers, String topic) {
            return new FromTopic(bootstrapServers, topic);
        }

        /** Given definitions, with no topic behind them (a backfill, a test). */
        static Initial fixed(Map<String, String> jsonBySite) {
            Map<String, DefinitionsRecord> records = new LinkedHashMap<>();
            jsonBySite.forEach((site, json) -> records.put(site, new DefinitionsRecord(site, Long.MAX_VALUE, json)));
            return new Fixed(records);
        }
    }

    private record FromTopic(String bootstrapServers, String topic) implements Initial {
        @Override
        public Map<String, DefinitionsRecord> load() {
            Map<String, DefinitionsRecord> records = new LinkedHashMap<>();
            new DefinitionsTopic(bootstrapServers, topic).readAll().forEach((site, stored) ->
                    records.put(site, new DefinitionsRecord(site, stored.offset(), stored.json())));
            return records;
        }
    }

    private record Fixed(Map<String, DefinitionsRecord> records) implements Initial {
        @Override
        public Map<String, DefinitionsRecord> load() {
            return records;
        }
    }
}
