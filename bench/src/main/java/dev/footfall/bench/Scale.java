package dev.footfall.bench;

import java.time.Duration;

/**
 * How big a run is. {@code full} is the one whose numbers go in docs/performance.md (about 15
 * minutes on 2 cores); {@code quick} checks that everything works and gives rough numbers in a
 * few minutes; {@code tiny} is for the smoke test, where only the report's shape matters.
 *
 * @param jobEvents records preloaded into Kafka for the job benchmark, all drained by the floor
 *     and the compute path
 * @param openSearchPrefixEvents records of the topic's start drained into OpenSearch (indexing is
 *     the slow part; the whole topic would take most of the run's time budget)
 * @param capturePrefixEvents records of the topic's start whose OpenSearch actions the
 *     direct-bulk floor replays
 * @param gatewayMeasure measured time per figure, split into {@code gatewayRounds} rounds that
 *     alternate with the floor's, so a neighbour's burst hits both alike
 * @param singleConnections wrk's connections for single events: enough to keep the gateway busy
 *     although each request waits a few milliseconds for Kafka's acknowledgement
 * @param batchConnections wrk's connections for batches, which keep the gateway busy with far fewer
 * @param childJvmOptions added to every child JVM's options
 * @param freshnessEventsPerSecond the steady load of the freshness benchmark
 */
public record Scale(
        String mode,
        long jobEvents,
        long openSearchPrefixEvents,
        long capturePrefixEvents,
        Duration gatewayWarmup,
        Duration gatewayMeasure,
        int gatewayRounds,
        int singleConnections,
        int batchConnections,
        Duration freshnessWarmup,
        Duration freshnessMeasure,
        int freshnessEventsPerSecond,
        String gatewayHeap,
        String jobHeap,
        String stackHeap,
        java.util.List<String> childJvmOptions) {

    public static Scale full() {
        return new Scale("full", 3_000_000, 1_000_000, 500_000, Duration.ofSeconds(8), Duration.ofSeconds(15), 3, 256, 32,
                Duration.ofSeconds(30), Duration.ofSeconds(60), 2000, "256m", "3g", "2g", java.util.List.of());
    }

    public static Scale quick() {
        return new Scale("quick", 100_000, 100_000, 100_000, Duration.ofSeconds(3), Duration.ofSeconds(6), 2, 256, 32,
                Duration.ofSeconds(10), Duration.ofSeconds(15), 2000, "256m", "2g", "2g", java.util.List.of());
    }

    public static Scale tiny() {
        return new Scale("tiny", 4_000, 4_000, 4_000, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 64, 8,
                Duration.ofSeconds(2), Duration.ofSeconds(3), 500, "256m", "1g", "1500m",
                // Only the report's shape matters at this size: spare the 2 cores the optimizing JIT's work.
                java.util.List.of("-XX:TieredStopAtLevel=1"));
    }

    public static Scale named(String mode) {
        return switch (mode) {
            case "full" -> full();
            case "quick" -> quick();
            case "tiny" -> tiny();
            default -> throw new IllegalArgumentException("unknown scale '" + mode + "' (full, quick, tiny)");
        };
    }

    /** The same scale with wrk keeping so many connections busy, for single events and for batches. */
    public Scale withConnections(int single, int batch) {
        return new Scale(mode, jobEvents, openSearchPrefixEvents, capturePrefixEvents, gatewayWarmup, gatewayMeasure,
                gatewayRounds, single, batch, freshnessWarmup, freshnessMeasure, freshnessEventsPerSecond, gatewayHeap,
                jobHeap, stackHeap, childJvmOptions);
    }

    public Scale withJobEvents(long events) {
        return new Scale(mode, events, Math.min(openSearchPrefixEvents, events), Math.min(capturePrefixEvents, events), gatewayWarmup, gatewayMeasure,
                gatewayRounds, singleConnections, batchConnections, freshnessWarmup, freshnessMeasure, freshnessEventsPerSecond, gatewayHeap, jobHeap,
                stackHeap, childJvmOptions);
    }
}
