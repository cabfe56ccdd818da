package dev.footfall.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

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
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info =
                            GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long after = 0;
                    for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(entry.getKey())) {
                            after += entry.getValue().getUsed();
                        }
                    }
                    lastHeapAfterGc = after;
                    if (after > peakHeapAfterGc) {
                        peakHeapAfterGc = after;
                    }
                }, null, null);
            }
        }
    }

    /** Starts a measurement window: peaks, CPU and GC are counted from here. */
    public void reset() {
        peakHeapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peakHeapAfterGc = lastHeapAfterGc;
        windowStartNanos = System.nanoTime();
        windowStartCpu = cpuSeconds();
        windowStartGcCount = gcCount();
        windowStartGcMillis = gcMillis();
    }

    public ObjectNode snapshot(String type) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double seconds = (System.nanoTime() - windowStartNanos) / 1e9;
        double cpu = cpuSeconds() - windowStartCpu;
        long collections = gcCount() - windowStartGcCount;
        long collectionMillis = gcMillis() - windowStartGcMillis;
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
