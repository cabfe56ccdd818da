package dev.footfall.bench.process;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashSet;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The counters of the JVM it runs in, read one way for every sampler ({@link JvmSampler} for
 * measurement windows, the soak's per-interval watcher): process CPU time, collections and their
 * time, and the heap each collection leaves.
 */
public final class JvmCounters {

    private JvmCounters() {
    }

    /** Told of every collection. */
    @FunctionalInterface
    public interface CollectionListener {
        /**
         * @param heapAfterBytes heap in use right after it, over all heap pools
         * @param explicit whether {@code System.gc()} asked for it
         */
        void collected(long heapAfterBytes, boolean explicit);
    }

    public static void onCollection(CollectionListener listener) {
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
                    listener.collected(after, "System.gc()".equals(info.getGcCause()));
                }, null, null);
            }
        }
    }

    public static double cpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return ProcessStats.cpuSeconds(ProcessHandle.current().pid());
    }

    public static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    public static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }
}
