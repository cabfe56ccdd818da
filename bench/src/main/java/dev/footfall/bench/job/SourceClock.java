package dev.footfall.bench.job;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * When the first record left Kafka, and how many did. Static because the MiniCluster runs in the
 * same JVM while the deserializers are serialized copies. Drain time is measured from the first
 * record, so job submission and operator start-up are not counted against any variant.
 */
final class SourceClock {

    static final AtomicLong FIRST_RECORD_NANOS = new AtomicLong();
    static final LongAdder RECORDS = new LongAdder();

    private SourceClock() {
    }

    static void recordOne() {
        if (FIRST_RECORD_NANOS.get() == 0) {
            FIRST_RECORD_NANOS.compareAndSet(0, System.nanoTime());
        }
        RECORDS.increment();
    }
}
