package dev.footfall.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Watches the JVM it runs in: heap used (sampled every 10 ms, the peak kept since the last
 * {@link #reset}), heap in use right after each collection (what the collector could not free:
 * the live data plus old garbage not yet reached; its peak over the window is the heap the
 * program needs), GC counts and time, process CPU time and resident memory. Children answer
 * "stats" with {@link #snapshot}. When no collection ran in the window (a light load in a
 * roomy heap), the heap after GC is read after a full collection forced at the snapshot, so the
 * figure never depends on whether a collection happened by chance.
 */
public final class JvmSampler {

    private static final long INTERVAL_MS = 10;

    private volatile long peakHeapUsed;
    private volatile long peakHeapAfterGc;
    private volatile long lastHeapAfterGc;
    private volatile long windowStartNanos = System.nanoTime();
    private volatile double windowStartCpu;
    private volatile long windowStartGcCount;
    private volatile long windowStartGcMillis;

    public JvmSampler start() {
        listenToCollections();
        reset();
        Thread thread = new Thread(() -> {
            while (true) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > peakHeapUsed) {
                    peakHeapUsed = used;
                }
                try {
                    Thread.sleep(INTERVAL_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void listenToCollections() {
        JvmCounters.onCollection((after, explicit) -> {
            lastHeapAfterGc = after;
            if (after > peakHeapAfterGc) {
                peakHeapAfterGc = after;
            }
        });
    }

    /** Starts a measurement window: peaks, CPU and GC are counted from here. */
    public void reset() {
        peakHeapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeapAfterGc = lastHeapAfterGc;
        windowStartNanos = System.nanoTime();
        windowStartCpu = JvmCounters.cpuSeconds();
        windowStartGcCount = JvmCounters.gcCount();
        windowStartGcMillis = JvmCounters.gcMillis();
    }

    public ObjectNode snapshot(String type) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
        double cpu = JvmCounters.cpuSeconds() - windowStartCpu;
        long collections = JvmCounters.gcCount() - windowStartGcCount;
        long collectionMillis = JvmCounters.gcMillis() - windowStartGcMillis;
        long pid = ProcessHandle.current().pid();
        long afterGc = lastHeapAfterGc;
        long peakAfterGc = peakHeapAfterGc;
        boolean forced = collections == 0;
        if (forced) {
            // Read after the window's CPU and GC figures, so the forced collection counts in neither.
            System.gc();
            afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peakAfterGc = afterGc;
        }
        return ChildChannel.message(type)
                .put("windowSeconds", seconds)
                .put("cpuSeconds", cpu)
                .put("heapUsedBytes", heap.getUsed())
                .put("heapCommittedBytes", heap.getCommitted())
                .put("heapMaxBytes", heap.getMax())
                .put("peakHeapUsedBytes", Math.max(peakHeapUsed, heap.getUsed()))
                .put("heapAfterGcBytes", afterGc)
                .put("peakHeapAfterGcBytes", peakAfterGc)
                .put("heapAfterGcForced", forced)
                .put("gcCount", collections)
                .put("gcMillis", collectionMillis)
                .put("rssBytes", ProcessStats.residentBytes(pid))
                .put("peakRssBytes", ProcessStats.peakResidentBytes(pid));
    }
}
