package dev.footfall.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Watches the JVM it runs in: heap used (sampled every 10 ms, the peak kept since the last
 * {@link #reset}), the live heap after collections (the most the collector could not free:
 * what the program really holds), GC counts and time, process CPU time and resident memory. Children answer "stats" with {@link #snapshot}.
 */
public final class JvmSampler {

    private static final long INTERVAL_MS = 10;

    private volatile long peakHeapUsed;
    private volatile long peakLiveAfterGc;
    private volatile long windowStartNanos = System.nanoTime();
    private volatile double windowStartCpu;
    private volatile long windowStartGcCount;
    private volatile long windowStartGcMillis;

    public JvmSampler start() {
        reset();
        Thread thread = new Thread(() -> {
            for (long tick = 0; ; tick++) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                if (used > peakHeapUsed) {
                    peakHeapUsed = used;
                }
                if (tick % 10 == 0) {
                    long live = liveAfterGc();
                    if (live > peakLiveAfterGc) {
                        peakLiveAfterGc = live;
                    }
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

    /** Starts a measurement window: peak, CPU and GC are counted from here. */
    public void reset() {
        peakHeapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakLiveAfterGc = liveAfterGc();
        windowStartNanos = System.nanoTime();
        windowStartCpu = cpuSeconds();
        windowStartGcCount = gcCount();
        windowStartGcMillis = gcMillis();
    }

    public ObjectNode snapshot(String type) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
        double cpu = cpuSeconds() - windowStartCpu;
        long pid = ProcessHandle.current().pid();
        return ChildChannel.message(type)
                .put("windowSeconds", seconds)
                .put("cpuSeconds", cpu)
                .put("heapUsedBytes", heap.getUsed())
                .put("heapCommittedBytes", heap.getCommitted())
                .put("heapMaxBytes", heap.getMax())
                .put("peakHeapUsedBytes", Math.max(peakHeapUsed, heap.getUsed()))
                .put("liveHeapAfterGcBytes", liveAfterGc())
                .put("peakLiveHeapAfterGcBytes", Math.max(peakLiveAfterGc, liveAfterGc()))
                .put("gcCount", gcCount() - windowStartGcCount)
                .put("gcMillis", gcMillis() - windowStartGcMillis)
                .put("rssBytes", ProcessStats.residentBytes(pid))
                .put("peakRssBytes", ProcessStats.peakResidentBytes(pid));
    }

    /** Heap still in use after the most recent collection of each pool: the live set, roughly. */
    static long liveAfterGc() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                total += pool.getCollectionUsage().getUsed();
            }
        }
        return total;
    }

    static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return ProcessStats.cpuSeconds(ProcessHandle.current().pid());
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }
}
