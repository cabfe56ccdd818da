package dev.footfall.job.model;

/**
 * One Kafka record of the raw topic as it came off the wire, before anything is read from it.
 * Lives only inside the source's deserializer; it never travels between operators.
 */
public record RawRecord(String topic, int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value) {
}
