package dev.footfall.bench.soak;

import java.util.Map;

/**
 * One reading of the stack during the soak, {@code seconds} after the load started. Per-interval
 * figures (GC, CPU) cover the time since the previous sample; {@code liveHeapMb} is null except on
 * samples taken after a full collection, the heap after GC null until the first collection.
 */
public record Sample(
        double seconds,
        String jobStatus,
        Double heapAfterGcMinMb,
        Double heapAfterGcMaxMb,
        Double liveHeapMb,
        double heapCommittedMb,
        long gcCount,
        long gcMillis,
        double gcMillisPerMinute,
        double cpuCores,
        double rssMb,
        double rssAnonMb,
        double rssFileMb,
        long checkpointId,
        long checkpointsFailed,
        double stateMb,
        Map<String, Double> stateMbByOperator,
        long lagRecords,
        long rawRecords,
        long ackedEvents,
        long indexedEvents,
        long backlogEvents,
        long retriedEvents,
        long rejectedEvents,
        long failedRequests,
        Map<String, Long> documents,
        double storeMb) {
}
