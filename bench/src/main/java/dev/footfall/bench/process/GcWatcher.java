package dev.footfall.bench.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;

/**
 * The soak's view of the JVM it runs in, one interval at a time: the heap left after each
 * collection (its lowest and highest in the interval: the lowest is the closest a young
 * collection gets to what is live), collections and their time, CPU time and resident memory.
 * Each {@link #interval} reports since the previous one.
 */
public final class GcWatcher {

    private static final double MB = 1024 * 1024;

    private final Object lock = new Object();
    private long minAfterGc = Long.MAX_VALUE;
    private long maxAfterGc;
    private long lastAfterGc;
    private boolean collected;
    private long startNanos = System.nanoTime();
    private double startCpu = JvmCounters.cpuSeconds();
    private long startGcCount = JvmCounters.gcCount();
    private long startGcMillis = JvmCounters.gcMillis();

    public GcWatcher start() {
        JvmCounters.onCollection((after, explicit) -> {
            if (explicit) {
                // the soak's own full collections are reported as the live heap, not here
                return;
            }
            synchronized (lock) {
                collected = true;
                lastAfterGc = after;
                minAfterGc = Math.min(minAfterGc, after);
                maxAfterGc = Math.max(maxAfterGc, after);
            }
        });
        return this;
    }

    /**
     * What happened since the last call. With {@code liveHeap}, a full collection runs after the
     * interval's figures are taken (so its pause is not counted in them) and the heap it leaves
     * is reported as {@code liveHeapMb}.
     */
    public ObjectNode interval(ObjectNode message, boolean liveHeap) {
        long now = System.nanoTime();
        double cpu = JvmCounters.cpuSeconds();
        long count = JvmCounters.gcCount();
        long millis = JvmCounters.gcMillis();
        double seconds = (now - startNanos) / 1e9;
        long pid = ProcessHandle.current().pid();
        synchronized (lock) {
            // An interval without a collection left the heap as the last one did.
            long min = minAfterGc == Long.MAX_VALUE ? lastAfterGc : minAfterGc;
            long max = minAfterGc == Long.MAX_VALUE ? lastAfterGc : maxAfterGc;
            message.put("seconds", seconds);
            if (collected) {
                message.put("heapAfterGcMinMb", min / MB).put("heapAfterGcMaxMb", max / MB);
            }
            message.put("heapUsedMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB)
                    .put("heapCommittedMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / MB)
                    .put("gcCount", count - startGcCount)
                    .put("gcMillis", millis - startGcMillis)
                    .put("cpuCores", seconds > 0 ? (cpu - startCpu) / seconds : 0)
                    .put("rssMb", ProcessStats.residentBytes(pid) / MB)
                    .put("rssAnonMb", statusMb("RssAnon:"))
                    .put("rssFileMb", statusMb("RssFile:"));
            minAfterGc = Long.MAX_VALUE;
            maxAfterGc = 0;
        }
        if (liveHeap) {
            System.gc();
            message.put("liveHeapMb", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB);
        }
        synchronized (lock) {
            // The forced collection belongs to no interval: start the next one after it.
            minAfterGc = Long.MAX_VALUE;
            maxAfterGc = 0;
        }
        startNanos = System.nanoTime();
        startCpu = JvmCounters.cpuSeconds();
        startGcCount = JvmCounters.gcCount();
        startGcMillis = JvmCounters.gcMillis();
        return message;
    }

    /**
     * A field of /proc/self/status in MB. RSS splits into anonymous memory (heap, direct buffers,
     * metaspace, thread stacks: the process's own) and file pages (Lucene's memory-mapped index
     * files, which the kernel reclaims when it needs to and which grow with the indices).
     */
    private static double statusMb(String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return -1;
    }
}
