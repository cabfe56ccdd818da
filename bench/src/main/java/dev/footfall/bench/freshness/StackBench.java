package dev.footfall.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.Scale;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.report.Figure;
import dev.footfall.bench.report.Section;
import dev.footfall.bench.stack.StackProcess;
import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToLongFunction;

/**
 * Freshness and memory, from one run of the whole local stack in one JVM: a steady load through
 * the gateway, probes timed from the gateway's acknowledgement until they are searchable, and
 * the stack's resident memory idle and under that load.
 */
public record StackBench(Scale scale, Path runDirectory, Map<String, String> flinkOverrides) {

    private static final double MB = 1024 * 1024;
    private static final String FLOOR_INDEX = "bench-freshness-floor";
    private static final Duration FIND_DEADLINE = Duration.ofSeconds(60);
    private static final int PROBES_PER_SECOND = 20;

    /** What a stack run measured. */
    public record Result(Section freshness, Section memory) {
    }

    public Result run() throws InterruptedException {
        List<String> jvm = List.of("-Xmx" + scale.stackHeap());
        JsonNode empty;
        Progress.say("stack: an empty JVM with the same flags (memory floor)");
        try (ChildJvm idle = ChildJvm.start("empty-jvm", jvm, IdleJvmProcess.class, List.of(),
                runDirectory.resolve("logs/empty-jvm.log"))) {
            idle.await("ready", Duration.ofSeconds(60));
            empty = idle.request("stats", Duration.ofSeconds(30));
        }

        Progress.say("stack: starting the local stack in one JVM, as ./footfall up starts it");
        try (ChildJvm stack = ChildJvm.start("stack", jvm, StackProcess.class,
                StackProcess.arguments(runDirectory.resolve("stack"), Map.of(), flinkOverrides),
                runDirectory.resolve("logs/stack.log"))) {
            JsonNode ready = stack.await("ready", Duration.ofMinutes(3));
            URI gateway = URI.create(ready.path("gatewayUrl").asText());
            RestClient search = new RestClient(Endpoint.of("OpenSearch", ready.path("openSearchUrl").asText()));
            search.put("/" + FLOOR_INDEX, "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
            JsonNode idleStats = stack.request("idle-stats", Duration.ofSeconds(60));

            SearchPoller poller = new SearchPoller(search, FLOOR_INDEX);
            Thread pollerThread = new Thread(poller, "freshness-poller");
            pollerThread.setDaemon(true);
            pollerThread.start();

            BenchSites.BenchSite site = BenchSites.first();
            Progress.say(String.format("stack: warming up at %,d events/s for %d s", scale.freshnessEventsPerSecond(),
                    scale.freshnessWarmup().toSeconds()));
            new PacedSender(gateway, site, scale.freshnessEventsPerSecond(), PROBES_PER_SECOND, 7)
                    .run(scale.freshnessWarmup(), probe -> { });

            stack.request("reset", Duration.ofSeconds(30));
            ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
            List<SearchPoller.DirectWrite> writes = new ArrayList<>();
            DirectWriter directWriter = new DirectWriter(search, FLOOR_INDEX, PROBES_PER_SECOND, w -> {
                writes.add(w);
                poller.add(w);
            });
            Thread writerThread = new Thread(directWriter, "freshness-floor-writer");
            writerThread.setDaemon(true);
            writerThread.start();
            Progress.say(String.format("stack: measuring at %,d events/s for %d s", scale.freshnessEventsPerSecond(),
                    scale.freshnessMeasure().toSeconds()));
            PacedSender.Sent sent = new PacedSender(gateway, site, scale.freshnessEventsPerSecond(), PROBES_PER_SECOND, 8)
                    .run(scale.freshnessMeasure(), probe -> {
                        probes.add(probe);
                        poller.add(probe);
                    });
            directWriter.stop();
            writerThread.join();
            JsonNode loadStats = stack.request("stats", Duration.ofSeconds(30));

            poller.awaitAllFound(FIND_DEADLINE);
            poller.stop();
            pollerThread.join();

            long measureStart = System.nanoTime() - (long) (sent.seconds() * 1e9);
            writeProbes(runDirectory.resolve("freshness-probes.csv"), new ArrayList<>(probes), measureStart);
            Section freshness = freshness(new ArrayList<>(probes), writes, sent, poller.searches());
            Section memory = memory(empty, idleStats, loadStats, ready);
            return new Result(freshness, memory);
        } finally {
            Directories.deleteRecursively(runDirectory.resolve("stack-checkpoints"));
            Directories.deleteRecursively(runDirectory.resolve("stack-salts"));
        }
    }

    private Section freshness(List<Probe> probes, List<SearchPoller.DirectWrite> writes, PacedSender.Sent sent,
            long searches) {
        Section section = new Section("freshness", "Freshness: from the gateway's acknowledgement to searchable");
        Percentiles floor = new Percentiles(writes.stream().filter(w -> w.foundNanos != 0)
                .map(w -> (w.foundNanos - w.ackNanos) / 1e9).toList());
        String floorName = "a document written straight into OpenSearch, same poller";
        double rate = sent.acceptedEvents() / sent.seconds();
        section.add(Figure.of("steady load accepted by the gateway", "events/s", rate)
                .floor("rate asked for", scale.freshnessEventsPerSecond())
                .build());
        addPercentiles(section, "event document", probes, p -> p.eventFoundNanos, floor, floorName);
        addPercentiles(section, "its session (end reached the event)", probes, p -> p.sessionFoundNanos, floor, floorName);
        addPercentiles(section, "its rollup row", probes, p -> p.rollupFoundNanos, floor, floorName);
        Percentiles ack = new Percentiles(sent.ackMillis());
        long missingEvent = probes.stream().filter(p -> p.eventFoundNanos == 0).count();
        long missingSession = probes.stream().filter(p -> p.sessionFoundNanos == 0).count();
        long missingRollup = probes.stream().filter(p -> p.rollupFoundNanos == 0).count();
        section.note(String.format("Load: %,d events/s through the gateway for %d s after %d s of warm-up, as the tracker "
                        + "sends them (batches of %d to /v1/batch, paced, 4 keep-alive connections): %,d requests, %,d "
                        + "failed; gateway acknowledgement p50 %.1f ms, p99 %.1f ms.",
                scale.freshnessEventsPerSecond(), scale.freshnessMeasure().toSeconds(),
                scale.freshnessWarmup().toSeconds(), PacedSender.BATCH_SIZE, sent.requests(), sent.failedRequests(),
                ack.at(50), ack.at(99)));
        section.note(String.format("Probes: %,d events (about %d/s, each with an event name of its own so its rollup row "
                        + "shows when it is counted), timed from the gateway's 200 until a search finds them (polled every "
                        + "%d ms, %,d searches). Not found within %d s after the load: %d events, %d sessions, %d rollups.",
                probes.size(), PROBES_PER_SECOND, SearchPoller.INTERVAL.toMillis(), searches, FIND_DEADLINE.toSeconds(),
                missingEvent, missingSession, missingRollup));
        section.note("Floor: " + writes.size() + " small documents indexed straight into an index of the same node "
                + "(default refresh interval, 1 s) during the load, found by the same poller: what OpenSearch's refresh and "
                + "the polling cost by themselves. The job adds its update interval (1 s) and bulk flush interval (500 ms). "
                + "Every probe's times are in freshness-probes.csv next to this report.");
        return section;
    }

    /** Every probe, for anyone who wants to see when the slow ones happened (a checkpoint, a GC, a merge). */
    private static void writeProbes(Path file, List<Probe> probes, long startNanos) {
        StringBuilder csv = new StringBuilder("ack_s,event_s,session_s,rollup_s\n");
        for (Probe p : probes) {
            csv.append(String.format(java.util.Locale.ROOT, "%.3f,%s,%s,%s%n", (p.ackNanos - startNanos) / 1e9,
                    seconds(p.eventFoundNanos, p.ackNanos), seconds(p.sessionFoundNanos, p.ackNanos),
                    seconds(p.rollupFoundNanos, p.ackNanos)));
        }
        try {
            java.nio.file.Files.writeString(file, csv);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String seconds(long found, long ack) {
        return found == 0 ? "" : String.format(java.util.Locale.ROOT, "%.3f", (found - ack) / 1e9);
    }

    private static void addPercentiles(Section section, String what, List<Probe> probes, ToLongFunction<Probe> found,
            Percentiles floor, String floorName) {
        Percentiles p = new Percentiles(probes.stream().filter(x -> found.applyAsLong(x) != 0)
                .map(x -> (found.applyAsLong(x) - x.ackNanos) / 1e9).toList());
        section.add(Figure.of(what + " searchable: p50", "s", p.at(50)).lowerIsBetter()
                .floor(floorName + ", p50", floor.at(50)).build());
        section.add(Figure.of(what + " searchable: p99", "s", p.at(99)).lowerIsBetter()
                .floor(floorName + ", p99", floor.at(99)).targetAtMost(5).build());
    }

    private Section memory(JsonNode empty, JsonNode idle, JsonNode load, JsonNode ready) {
        Section section = new Section("memory", "Memory: the whole local stack in one JVM");
        double underLoad = load.path("rssBytes").asDouble() / MB;
        section.add(Figure.of("local stack resident memory under load (Kafka, OpenSearch, MiniCluster, gateway)", "MB",
                        underLoad)
                .lowerIsBetter()
                .floor("the same stack idle, before the load", idle.path("rssBytes").asDouble() / MB)
                .floor("an empty JVM with the same flags", empty.path("rssBytes").asDouble() / MB)
                .build());
        section.add(Figure.of("local stack heap under load, peak after GC", "MB",
                        load.path("peakHeapAfterGcBytes").asDouble() / MB)
                .lowerIsBetter()
                .floor("the same stack idle, after a full GC", idle.path("heapAfterFullGcBytes").asDouble() / MB)
                .build());
        section.note(String.format("One JVM (-Xmx%s) holding the local stack as ./footfall up starts it: Kafka, OpenSearch, "
                        + "a MiniCluster running the job (parallelism 2, production settings), the gateway and the "
                        + "console, under the freshness load (%,d events/s); RSS is "
                        + "/proc/<pid>/status VmRSS at the end of the load; peak RSS over the JVM's life %.0f MB; started "
                        + "in %.1f s. Heap committed under load %.0f MB, peak used %.0f MB.", scale.stackHeap(),
                scale.freshnessEventsPerSecond(), load.path("peakRssBytes").asDouble() / MB,
                ready.path("startupSeconds").asDouble(), load.path("heapCommittedBytes").asDouble() / MB,
                load.path("peakHeapUsedBytes").asDouble() / MB));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("emptyJvm", empty);
        details.put("stackIdle", idle);
        details.put("stackUnderLoad", load);
        section.detail("samples", details);
        return section;
    }

    /** Writes small documents straight into OpenSearch at a steady pace: the freshness floor. */
    private static final class DirectWriter implements Runnable {
        private final RestClient search;
        private final String index;
        private final long intervalNanos;
        private final java.util.function.Consumer<SearchPoller.DirectWrite> onWritten;
        private volatile boolean stopped;

        DirectWriter(RestClient search, String index, int perSecond,
                java.util.function.Consumer<SearchPoller.DirectWrite> onWritten) {
            this.search = search;
            this.index = index;
            this.intervalNanos = 1_000_000_000L / perSecond;
            this.onWritten = onWritten;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            for (int i = 0; !stopped; i++) {
                String id = "floor-" + i;
                RestClient.Response r = search.put("/" + index + "/_doc/" + id, "{\"n\":" + i + "}");
                long ack = System.nanoTime();
                if (r.isSuccess()) {
                    onWritten.accept(new SearchPoller.DirectWrite(id, ack));
                }
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }
    }
}
