package dev.footfall.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.report.Figure;
import dev.footfall.bench.report.Numbers;
import dev.footfall.bench.report.Section;
import dev.footfall.bench.stack.StackProcess;
import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * One-box capacity: the highest steady rate the whole local stack (one JVM: Kafka, OpenSearch, the
 * job in a MiniCluster, the gateway, as {@link StackBench} runs it) holds while events stay fresh,
 * at Flink parallelism 1 and 2. Each step is a freshness measurement at one rate: held when every
 * kind of probe (event, session, rollup) is searchable within {@link #FRESH_SECONDS} at p99 and
 * the gateway accepted the rate asked for. The rate is found by {@link RateSearch}.
 *
 * <p>Floor, from the same run and node: OpenSearch bulk-indexing one event document per event,
 * the least any pipeline must do to make an event searchable.
 */
public record CapacityBench(Plan plan, String stackHeap, Path runDirectory, Map<String, String> flinkOverrides) {

    static final double FRESH_SECONDS = 5;
    private static final int PROBES_PER_SECOND = 20;
    /** The job's default bulk size (bulk-max-actions). */
    private static final int BULK_ACTIONS = 2000;
    private static final int FLOOR_WRITERS = 2;
    private static final String FLOOR_INDEX = IndexFamily.EVENTS.prefix() + "-capacity-floor";

    /**
     * How long each step runs and how far the search goes.
     *
     * @param stackWarmup load at the start rate before the first step: the job's first
     *     checkpoints and the JIT's work would otherwise count against the first rate (as in
     *     {@link StackBench})
     * @param warmup load at the step's rate before probes count: the previous step's backlog and
     *     the new rate's first checkpoint settle
     * @param hold probes count over this; 30 s at 20 probes/s gives 600 probes, so the p99 is the
     *     6th slowest, not one outlier
     * @param findDeadline how long after a step its probes may still be found (a probe not found
     *     counts as slower than any found); the backlog of a rate not held drains meanwhile, so the
     *     next step does not inherit it
     */
    public record Plan(String mode, Duration stackWarmup, Duration warmup, Duration hold, Duration findDeadline, RateSearch search,
            List<Integer> parallelisms, Duration floorDuration) {

        public static Plan forMode(String mode) {
            return switch (mode) {
                case "tiny" -> new Plan(mode, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(20),
                        new RateSearch(250, 250, 500, 0, 50), List.of(1), Duration.ofSeconds(2));
                case "quick" -> new Plan(mode, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(60),
                        new RateSearch(1000, 125, 32_000, 1, 100), List.of(1, 2), Duration.ofSeconds(10));
                default -> new Plan(mode, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120),
                        new RateSearch(1000, 125, 32_000, 2, 100), List.of(1, 2), Duration.ofSeconds(20));
            };
        }
    }

    /** One rate held for a while. */
    record Step(int parallelism, int rate, double acceptedPerSecond, long requests, long failedRequests,
            double eventP99, double sessionP99, double rollupP99, int probes, long missing, double stackCores,
            double cpuMillisPerEvent, double loadAverage, boolean held) {
    }

    /** The floor: event documents bulk-indexed straight into the stack's OpenSearch. */
    record Floor(double eventsPerSecond, double cpuMillisPerEvent, long indexed, double seconds) {
    }

    public Section run() {
        List<Step> steps = new ArrayList<>();
        Map<Integer, Integer> highest = new LinkedHashMap<>();
        Floor floor = null;
        try {
            for (int parallelism : plan.parallelisms()) {
                boolean last = parallelism == plan.parallelisms().get(plan.parallelisms().size() - 1);
                try (ChildJvm stack = startStack(parallelism)) {
                    // Longer than the other benchmarks allow: the stack starts twice, on a machine others may load.
                    JsonNode ready = stack.await("ready", Duration.ofMinutes(6));
                    URI gateway = URI.create(ready.path("gatewayUrl").asText());
                    RestClient search = new RestClient(Endpoint.of("OpenSearch", ready.path("openSearchUrl").asText()));
                    Progress.say(String.format("capacity: warming up at %,d events/s for %d s", plan.search().start(),
                            plan.stackWarmup().toSeconds()));
                    new PacedSender(gateway, BenchSites.first(), plan.search().start(), PROBES_PER_SECOND, 7)
                            .run(plan.stackWarmup(), probe -> { });
                    List<RateSearch.Tried> tried = plan.search().run(rate -> {
                        Step step = step(stack, gateway, search, parallelism, rate);
                        steps.add(step);
                        return step.held();
                    });
                    highest.put(parallelism, RateSearch.highestHeld(tried));
                    if (last) {
                        floor = floor(stack, search);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Directories.deleteRecursively(runDirectory.resolve("capacity-checkpoints"));
            Directories.deleteRecursively(runDirectory.resolve("capacity-salts"));
        }
        return section(steps, highest, floor);
    }

    private ChildJvm startStack(int parallelism) {
        Progress.say("capacity: starting the local stack in one JVM, Flink parallelism " + parallelism);
        List<String> args = StackProcess.arguments(runDirectory.resolve("capacity-stack-p" + parallelism),
                Map.of("FOOTFALL_PARALLELISM", String.valueOf(parallelism)), flinkOverrides);
        return ChildJvm.start("capacity-stack-p" + parallelism, List.of("-Xmx" + stackHeap), StackProcess.class, args,
                runDirectory.resolve("logs/capacity-stack-p" + parallelism + ".log"));
    }

    private Step step(ChildJvm stack, URI gateway, RestClient search, int parallelism, int rate)
            throws InterruptedException {
        Progress.say(String.format("capacity: parallelism %d, %,d events/s for %d s", parallelism, rate,
                plan.warmup().plus(plan.hold()).toSeconds()));
        BenchSites.BenchSite site = BenchSites.first();
        // One keep-alive connection per 500 events/s (50 batches/s): a connection waits for each
        // acknowledgement, a few milliseconds on a busy box, so fewer would cap the rate asked for.
        int connections = Math.max(PacedSender.CONNECTIONS, rate / 500);
        new PacedSender(gateway, site, rate, PROBES_PER_SECOND, rate, connections).run(plan.warmup(), probe -> { });
        stack.request("reset", Duration.ofSeconds(30));
        // A poller per step: probes of a step that did not keep up are not carried into the next one.
        SearchPoller poller = new SearchPoller(search, FLOOR_INDEX);
        Thread pollerThread = new Thread(poller, "capacity-poller");
        pollerThread.setDaemon(true);
        pollerThread.start();
        List<Probe> probes = new java.util.concurrent.CopyOnWriteArrayList<>();
        PacedSender.Sent sent = new PacedSender(gateway, site, rate, PROBES_PER_SECOND, rate + 1L, connections)
                .run(plan.hold(), probe -> {
                    probes.add(probe);
                    poller.add(probe);
                });
        JsonNode stats = stack.request("stats", Duration.ofSeconds(30));
        double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // The backlog of a rate not held drains here too, before the next step starts.
        poller.awaitAllFound(plan.findDeadline());
        poller.stop();
        pollerThread.join();
        double accepted = sent.acceptedEvents() / sent.seconds();
        double eventP99 = p99(probes, p -> p.eventFoundNanos);
        double sessionP99 = p99(probes, p -> p.sessionFoundNanos);
        double rollupP99 = p99(probes, p -> p.rollupFoundNanos);
        long missing = probes.stream().filter(p -> !p.complete()).count();
        double cpu = stats.path("cpuSeconds").asDouble();
        boolean held = !probes.isEmpty() && Math.max(eventP99, Math.max(sessionP99, rollupP99)) <= FRESH_SECONDS
                && accepted >= 0.95 * rate && sent.failedRequests() <= sent.requests() / 100;
        Step step = new Step(parallelism, rate, accepted, sent.requests(), sent.failedRequests(), eventP99, sessionP99,
                rollupP99, probes.size(), missing, cpu / stats.path("windowSeconds").asDouble(),
                cpu * 1000 / Math.max(1, sent.acceptedEvents()), loadAverage, held);
        Progress.say(String.format("capacity: %,d events/s %s (accepted %,.0f/s; p99 event %.1f s, session %.1f s, "
                + "rollup %.1f s; %d of %d probes not found)", rate, held ? "held" : "NOT held", accepted, eventP99,
                sessionP99, rollupP99, missing, probes.size()));
        return step;
    }

    /** A probe not found counts as slower than any found: a pipeline that lost track fails the step. */
    private static double p99(List<Probe> probes, ToLongFunction<Probe> found) {
        return new Percentiles(probes.stream().map(p -> found.applyAsLong(p) == 0 ? Double.POSITIVE_INFINITY
                : (found.applyAsLong(p) - p.ackNanos) / 1e9).toList()).at(99);
    }

    /**
     * Real event documents (the job's, taken from the events index) indexed again under new ids
     * into an index the events template shapes, by {@link #FLOOR_WRITERS} writers in bulks of the
     * job's size, as fast as OpenSearch takes them; the stack's CPU over that time is OpenSearch's.
     */
    private Floor floor(ChildJvm stack, RestClient search) throws InterruptedException {
        Progress.say("capacity: floor, event documents bulk-indexed straight into OpenSearch for "
                + plan.floorDuration().toSeconds() + " s");
        JsonNode hits = search.post("/" + IndexFamily.EVENTS.indexPattern() + "/_search",
                "{\"size\":" + BULK_ACTIONS + ",\"query\":{\"match_all\":{}}}").json().path("hits").path("hits");
        List<String> documents = new ArrayList<>();
        hits.forEach(hit -> documents.add(hit.path("_source").toString()));
        if (documents.isEmpty()) {
            throw new IllegalStateException("no event documents to index for the floor");
        }
        LongAdder indexed = new LongAdder();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        stack.request("reset", Duration.ofSeconds(30));
        long start = System.nanoTime();
        long end = start + plan.floorDuration().toNanos();
        for (int w = 0; w < FLOOR_WRITERS; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (long n = 0; System.nanoTime() < end && failure.get() == null; ) {
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < BULK_ACTIONS; i++, n++) {
                        body.append("{\"index\":{\"_index\":\"").append(FLOOR_INDEX).append("\",\"_id\":\"w").append(writer)
                                .append('-').append(n).append("\"}}\n").append(documents.get((int) (n % documents.size())))
                                .append('\n');
                    }
                    RestClient.Response response = search.post("/_bulk", body.toString());
                    if (!response.isSuccess()) {
                        failure.compareAndSet(null, new IllegalStateException("floor bulk failed: "
                                + response.errorSummary()));
                        return;
                    }
                    long failed = 0;
                    for (JsonNode item : response.json().path("items")) {
                        failed += item.path("index").has("error") ? 1 : 0;
                    }
                    indexed.add(BULK_ACTIONS - failed);
                }
            }, "capacity-floor-" + w);
            t.start();
            writers.add(t);
        }
        for (Thread t : writers) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode stats = stack.request("stats", Duration.ofSeconds(30));
        return new Floor(indexed.sum() / seconds, stats.path("cpuSeconds").asDouble() * 1000 / Math.max(1, indexed.sum()),
                indexed.sum(), seconds);
    }

    private Section section(List<Step> steps, Map<Integer, Integer> highest, Floor floor) {
        Section section = new Section("capacity", "Capacity: the highest steady rate the one-box stack keeps fresh");
        String floorName = "OpenSearch bulk-indexing one event document per event (same node, same run)";
        for (Map.Entry<Integer, Integer> e : highest.entrySet()) {
            int parallelism = e.getKey();
            Figure.Builder rate = Figure.of("highest rate held, Flink parallelism " + parallelism, "events/s", e.getValue());
            Figure.Builder cpu = Figure.of("whole stack CPU per event at that rate, parallelism " + parallelism, "ms",
                    steps.stream().filter(s -> s.parallelism() == parallelism && s.rate() == e.getValue()).findFirst()
                            .map(Step::cpuMillisPerEvent).orElse(Double.NaN)).lowerIsBetter();
            if (floor != null) {
                rate.floor(floorName, floor.eventsPerSecond());
                cpu.floor("OpenSearch alone, bulk-indexing one event document", floor.cpuMillisPerEvent());
            }
            section.add(rate.build());
            section.add(cpu.build());
        }
        section.note(String.format("After %d s at the start rate once the stack runs, each step: %d s at the rate (warm-up), then %d s during which %d probes/s are timed from "
                        + "the gateway's acknowledgement to searchable as event, session and rollup row; held when all "
                        + "three p99s are at most %.0f s (a probe not found within %d s counts as slower than any), the "
                        + "gateway accepted at least 95%% of the rate and at most 1%% of requests failed. The rate doubles "
                        + "from %,d events/s while steps hold, then bisects %d times (multiples of %d). Load: batches of %d "
                        + "to /v1/batch, paced, one keep-alive connection per 500 events/s (at least %d), sent from the "
                        + "bench's JVM on the same cores. The stack: one JVM (-Xmx%s) as ./footfall up starts it, with Kafka "
                        + "(the raw topic's 4 partitions), OpenSearch, the job in a MiniCluster with its production "
                        + "settings, the gateway and the console.",
                plan.stackWarmup().toSeconds(), plan.warmup().toSeconds(), plan.hold().toSeconds(), PROBES_PER_SECOND, FRESH_SECONDS,
                plan.findDeadline().toSeconds(), plan.search().start(), plan.search().bisections(),
                plan.search().resolution(), PacedSender.BATCH_SIZE, PacedSender.CONNECTIONS, stackHeap));
        if (floor != null) {
            section.note(String.format("Floor: %,d event documents (the job's own, read back from the events index) "
                            + "indexed again under new ids into %s (shaped by the events template), %d writers, bulks of "
                            + "%,d, for %.0f s, in the stack of the last parallelism with its job idle; its CPU per event "
                            + "is the stack JVM's CPU over that time.", floor.indexed(), FLOOR_INDEX, FLOOR_WRITERS,
                    BULK_ACTIONS, floor.seconds()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Step s : steps) {
            rows.add(List.of(String.valueOf(s.parallelism()), Numbers.format(s.rate()), Numbers.format(s.acceptedPerSecond()),
                    seconds(s.eventP99()), seconds(s.sessionP99()), seconds(s.rollupP99()),
                    s.missing() + " of " + s.probes(), String.format(Locale.ROOT, "%.2f", s.stackCores()),
                    String.format(Locale.ROOT, "%.3f", s.cpuMillisPerEvent()),
                    String.format(Locale.ROOT, "%.1f", s.loadAverage()), s.held() ? "held" : "not held"));
        }
        section.table(new Section.Table("Steps, in the order run:", List.of("parallelism", "rate asked (events/s)",
                "accepted (events/s)", "event p99 (s)", "session p99 (s)", "rollup p99 (s)", "probes not found",
                "stack cores", "stack CPU per event (ms)", "load average (1 min)", "verdict"), rows));
        section.detail("steps", steps);
        if (floor != null) {
            section.detail("floor", floor);
        }
        return section;
    }

    private static String seconds(double value) {
        return Double.isInfinite(value) ? "not found" : String.format(Locale.ROOT, "%.2f", value);
    }
}
