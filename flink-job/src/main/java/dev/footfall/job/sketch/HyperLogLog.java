package dev.footfall.job.sketch;

/**
 * What is left of the per-minute visitor sketch the rollup rows once kept: its fields, so that
 * Flink can still read (and drop) it from the rollup state of savepoints taken before rows stopped
 * counting visitors. Flink's POJO serializer drops a removed field on restore, but it reads the
 * field's old value with the field's old serializer, which needs this class; a savepoint taken by
 * this version no longer refers to it. Nothing else uses it.
 */
public class HyperLogLog {

    /** Sorted distinct hashes while the set was small. */
    public long[] exact;
    /** The 4,096 registers, once the set was large. */
    public byte[] registers;

    public HyperLogLog() {
    }
}
