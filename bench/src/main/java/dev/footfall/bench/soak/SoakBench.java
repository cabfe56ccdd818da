package dev.footfall.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.stack.StackProcess;
import dev.footfall.config.Durations;
import dev.footfall.bench.report.Figure;
import dev.footfall.bench.report.Numbers;
import dev.footfall.bench.report.Section;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The soak: the whole local stack in one JVM under a steady load through the gateway for a long
 * time (30 minutes by default), sampled every few seconds: the stack's heap after collections
 * (and, now and then, after a full one), GC, CPU and resident memory; the job's state size (latest
 * completed checkpoint) and consumer lag; what OpenSearch holds against what the gateway
 * acknowledged. Each series gets a verdict ({@link Growth}): bounded, or GROWING.
 */
public record SoakBench(SoakPlan plan, Path runDirectory, Map<String, String> flinkOverrides) {

    private static final double MB = 1024 * 1024;
    /** The job's checkpoint interval: offsets are committed that often, so lag holds that much traffic. */
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    public Section run() {
        try {
            return soak();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("soak interrupted", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("soak failed: " + e, e);
        }
    }

    private Section soak() throws Exception {
        Progress.say(String.format("soak: starting the local stack in one JVM (-Xmx%s); %,d events/s for %s, "
                        + "dedup TTL %s, session gap %s, allowed lateness %s", plan.stackHeap(), plan.eventsPerSecond(),
                human(plan.duration()), human(plan.dedupTtl()), human(plan.sessionGap()),
                human(plan.allowedLateness())));
        List<String> args = StackProcess.arguments(runDirectory.resolve("soak-stack"), Map.of(
                        "FOOTFALL_DEDUP_TTL", Durations.format(plan.dedupTtl()),
                        "FOOTFALL_SESSION_GAP", Durations.format(plan.sessionGap()),
                        "FOOTFALL_ALLOWED_LATENESS", Durations.format(plan.allowedLateness())),
                flinkOverrides);
        args.addAll(List.of("--watch", "intervals"));
        try (ChildJvm stack = ChildJvm.start("soak-stack", List.of("-Xmx" + plan.stackHeap()), StackProcess.class,
                args, runDirectory.resolve("logs/soak-stack.log"))) {
            JsonNode ready = stack.await("ready", Duration.ofMinutes(3));
            RestClient search = new RestClient(Endpoint.of("OpenSearch", ready.path("openSearchUrl").asText()));
            FlinkCheckpoints checkpoints = new FlinkCheckpoints(ready.path("flinkRestUrl").asText(),
                    ready.path("jobId").asText());
            IndexCounts indices = new IndexCounts(search);
            List<Sample> samples = new ArrayList<>();
            SoakSender.Totals sent;
            Ledger ledger;
            try (ConsumerLag lag = new ConsumerLag(ready.path("kafkaBootstrap").asText(), ready.path("rawTopic").asText(),
                    ready.path("consumerGroup").asText())) {
                SoakSender sender = new SoakSender(URI.create(ready.path("gatewayUrl").asText()), plan.eventsPerSecond(),
                        plan.visitors(), 11).start();
                long start = System.nanoTime();
                stack.request("sample", Duration.ofSeconds(60));
                long end = start + plan.duration().toNanos();
                for (int i = 1; System.nanoTime() < end; i++) {
                    long due = start + i * plan.sampleInterval().toNanos();
                    long wait = Math.min(due, end) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    boolean live = i % plan.liveHeapEvery() == 0;
                    Sample s = sample(stack, live, checkpoints, lag, indices, sender, start);
                    samples.add(s);
                    Progress.say(String.format(Locale.ROOT, "soak %4.0f s: heap after GC %.0f MB%s, GC %d ms, "
                                    + "CPU %.2f, RSS %.0f MB, state %.1f MB, lag %,d, acked %,d, indexed %,d",
                            s.seconds(), s.heapAfterGcMinMb() == null ? Double.NaN : s.heapAfterGcMinMb(), s.liveHeapMb() == null ? ""
                                    : String.format(Locale.ROOT, " (live %.0f)", s.liveHeapMb()), s.gcMillis(),
                            s.cpuCores(), s.rssMb(), s.stateMb(), s.lagRecords(), s.ackedEvents(), s.indexedEvents()));
                }
                sender.stop();
                sent = sender.totals();
                ledger = drain(indices, lag, sent);
            }
            return section(samples, sent, ledger, ready);
        } finally {
            Directories.deleteRecursively(runDirectory.resolve("soak-checkpoints"));
            Directories.deleteRecursively(runDirectory.resolve("soak-salts"));
        }
    }

    private Sample sample(ChildJvm stack, boolean live, FlinkCheckpoints checkpoints, ConsumerLag lag,
            IndexCounts indices, SoakSender sender, long start) throws Exception {
        SoakSender.Totals sent = sender.totals();
        JsonNode jvm = stack.request(live ? "sample-live" : "sample", Duration.ofSeconds(60));
        FlinkCheckpoints.Latest checkpoint = checkpoints.latest();
        ConsumerLag.Lag behind = lag.read();
        IndexCounts.Counts counts = indices.read();
        double seconds = (System.nanoTime() - start) / 1e9;
        double window = jvm.path("seconds").asDouble();
        Map<String, Double> byOperator = new LinkedHashMap<>();
        checkpoint.stateBytesByOperator().forEach((name, bytes) -> byOperator.put(name, bytes / MB));
        return new Sample(seconds, jvm.path("jobStatus").asText(),
                megabytes(jvm, "heapAfterGcMinMb"), megabytes(jvm, "heapAfterGcMaxMb"),
                megabytes(jvm, "liveHeapMb"),
                jvm.path("heapCommittedMb").asDouble(),
                jvm.path("gcCount").asLong(), jvm.path("gcMillis").asLong(),
                window > 0 ? jvm.path("gcMillis").asDouble() * 60 / window : 0,
                jvm.path("cpuCores").asDouble(), jvm.path("rssMb").asDouble(), jvm.path("rssAnonMb").asDouble(),
                jvm.path("rssFileMb").asDouble(),
                checkpoint.id(), checkpoint.failed(), checkpoint.stateBytes() / MB, byOperator,
                behind.records(), behind.endOffsets(),
                sent.acceptedEvents(), counts.events(), sent.acceptedEvents() - counts.events(),
                sent.retriedEvents(), sent.rejectedEvents(), sent.failedRequests(),
                counts.documentsByFamily(), counts.storeBytes() / MB);
    }

    /** After the load: acknowledged against searchable, once the job caught up (or the deadline passed). */
    record Ledger(long acked, long indexed, double drainSeconds, long finalLag) {
    }

    private Ledger drain(IndexCounts indices, ConsumerLag lag, SoakSender.Totals sent) throws Exception {
        Progress.say(String.format("soak: load stopped; waiting up to %d s for the %,d acknowledged events to be "
                + "searchable", plan.drainDeadline().toSeconds(), sent.acceptedEvents()));
        long began = System.nanoTime();
        long deadline = began + plan.drainDeadline().toNanos();
        long indexed = indices.read().events();
        while (indexed < sent.acceptedEvents() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            indexed = indices.read().events();
        }
        return new Ledger(sent.acceptedEvents(), indexed, (System.nanoTime() - began) / 1e9, lag.read().records());
    }

    private Section section(List<Sample> samples, SoakSender.Totals sent, Ledger ledger, JsonNode ready) {
        Section section = new Section("soak", "Soak: " + human(plan.duration())
                + " of steady load through the whole local stack");
        double lagSlack = plan.eventsPerSecond() * CHECKPOINT_INTERVAL.toSeconds();
        List<Growth> growth = new ArrayList<>();
        growth.add(Growth.of("heap after GC (lowest per interval)", "MB", series(samples, Sample::heapAfterGcMinMb), 0.10, 32));
        growth.add(Growth.of("live heap (after a full GC)", "MB", samples.stream().map(Sample::liveHeapMb)
                .filter(v -> v != null).toList(), 0.10, 32));
        growth.add(Growth.of("GC time", "ms/min", series(samples, Sample::gcMillisPerMinute), 0.25, 250));
        growth.add(Growth.of("CPU", "cores", series(samples, Sample::cpuCores), 0.25, 0.10));
        growth.add(Growth.of("resident memory (RSS)", "MB", series(samples, Sample::rssMb), 0.10, 64));
        growth.add(Growth.of("anonymous resident memory (RssAnon)", "MB", series(samples, Sample::rssAnonMb), 0.10, 64));
        growth.add(Growth.of("Flink state (latest completed checkpoint)", "MB", series(samples, Sample::stateMb), 0.10, 1));
        growth.add(Growth.of("consumer lag on the raw topic", "records",
                series(samples, s -> (double) s.lagRecords()), 0.25, lagSlack));
        growth.add(Growth.of("acknowledged, not yet searchable", "events",
                series(samples, s -> (double) s.backlogEvents()), 0.25, lagSlack));
        for (Growth g : growth) {
            if (Double.isNaN(g.middle())) {
                section.note(g.series() + ": too few samples to judge (" + g.points() + ")");
                continue;
            }
            section.add(Figure.of(g.series() + ", mean of the last third", g.unit(), g.last())
                    .lowerIsBetter()
                    .floor("the same, middle third of the run", g.middle())
                    .target("bounded: " + g.tolerance(), g.bounded())
                    .build());
        }
        // A request that failed as a whole may still have been stored (a timeout after Kafka took it):
        // the client would send it again, and the job's deduplication keeps one copy.
        long extra = Math.max(0, ledger.indexed() - ledger.acked());
        boolean complete = ledger.indexed() >= ledger.acked() && extra <= sent.failedRequests() * SoakSender.BATCH_SIZE;
        section.add(Figure.of("events searchable after the load", "events", ledger.indexed())
                .floor("events the gateway acknowledged", ledger.acked())
                .target("every acknowledged event searchable; more only from requests that failed", complete)
                .build());

        double minutes = plan.duration().toSeconds() / 60.0;
        section.note(String.format(Locale.ROOT, "Load: %,d events/s through the gateway for %s (batches of %d to "
                        + "/v1/batch on a fixed schedule, 4 connections), visits of a %,d-visitor pool to the three bench "
                        + "sites (page views and custom events); 1 event in %d invalid (refused by the gateway: %,d), 1 "
                        + "acknowledged batch in %d sent twice (retries: %,d events, to be dropped as duplicates); %,d "
                        + "requests, %,d failed%s.", plan.eventsPerSecond(), human(plan.duration()), SoakSender.BATCH_SIZE,
                plan.visitors(), SoakSender.INVALID_ONE_IN, sent.rejectedEvents(), SoakSender.RETRY_ONE_IN,
                sent.retriedEvents(), sent.requests(), sent.failedRequests(),
                sent.failures().isEmpty() ? "" : " " + sent.failures()));
        section.note(String.format(Locale.ROOT, "Job state lifetimes shortened so the run covers several of them: dedup "
                        + "TTL %s (24 h in production), session gap %s (30 min), allowed lateness %s (1 h). State grows "
                        + "for the longest of them by design; the verdicts compare the last third of the run with the "
                        + "middle third, both after it.", human(plan.dedupTtl()), human(plan.sessionGap()),
                human(plan.allowedLateness())));
        section.note(String.format(Locale.ROOT, "Stack: one JVM (-Xmx%s, started in %.0f s) with Kafka, OpenSearch, the "
                        + "job in a MiniCluster (parallelism 2, heap state, checkpoints every 10 s to a directory), the "
                        + "gateway and the console, as ./footfall up starts them. Sampled every %d s; every %d-th sample runs a full GC first (the live heap; it pauses the whole stack, "
                        + "for seconds when the machine is busy). Consumer "
                        + "lag: end offsets minus the offsets the job's source commits on each checkpoint.",
                plan.stackHeap(), ready.path("startupSeconds").asDouble(), plan.sampleInterval().toSeconds(),
                plan.liveHeapEvery()));
        section.note(String.format(Locale.ROOT, "Ledger: %,d events acknowledged, %,d searchable %.0f s after the load "
                        + "stopped (%,d missing, %,d extra); final consumer lag %,d records.", ledger.acked(),
                ledger.indexed(), ledger.drainSeconds(), Math.max(0, ledger.acked() - ledger.indexed()),
                Math.max(0, ledger.indexed() - ledger.acked()), ledger.finalLag()));
        Map<String, Object> estimate = dedupEstimate(samples);
        if (estimate.containsKey("bytesPerRememberedId")) {
            section.note(String.format(Locale.ROOT, "Deduplication state: %.0f bytes per remembered message id "
                            + "(checkpointed size of the dedup operator over the ids of one TTL); with the production TTL "
                            + "of 24 h, %,d events/s would keep %.1f GB in checkpoints (more on the heap).",
                    (double) estimate.get("bytesPerRememberedId"), plan.eventsPerSecond(),
                    (double) estimate.get("checkpointGbFor24hAtThisRate")));
        } else if (!estimate.isEmpty()) {
            section.note(String.format(Locale.ROOT, "Deduplication and sessionizer state share one operator chain "
                    + "(%.1f MB in the last third's checkpoints); run with --flink pipeline.operator-chaining.enabled="
                    + "false to see them apart and get the bytes per remembered message id.",
                    (double) estimate.get("stateMb")));
        }

        section.table(new Section.Table("Verdicts (last third of the run against the middle third):",
                List.of("series", "middle third", "last third", "last third max", "ratio", "tolerance", "verdict"),
                growth.stream().map(g -> List.of(g.series(), Numbers.format(g.middle()) + " " + g.unit(),
                        Numbers.format(g.last()) + " " + g.unit(), Numbers.format(g.lastMax()) + " " + g.unit(),
                        Numbers.ratio(g.ratio()), g.tolerance(), g.verdict().equals(Growth.GROWING) ? "**GROWING**"
                                : g.verdict())).toList()));
        section.table(perMinute(samples));

        Map<String, Object> verdicts = new LinkedHashMap<>();
        growth.forEach(g -> verdicts.put(g.series(), g.verdict()));
        section.detail("verdicts", verdicts);
        section.detail("growth", growth);
        section.detail("plan", Map.of("minutes", minutes, "eventsPerSecond", plan.eventsPerSecond(),
                "sampleIntervalSeconds", plan.sampleInterval().toSeconds(), "visitors", plan.visitors(),
                "dedupTtlSeconds", plan.dedupTtl().toSeconds(), "sessionGapSeconds", plan.sessionGap().toSeconds(),
                "allowedLatenessSeconds", plan.allowedLateness().toSeconds(), "stackHeap", plan.stackHeap()));
        section.detail("ledger", ledger);
        section.detail("sent", sent);
        section.detail("dedupEstimate", estimate);
        section.detail("samples", samples);
        return section;
    }

    /**
     * Bytes per remembered message id, from the dedup operator's checkpointed state over the last
     * third, when Flink reports it on its own; chained with the sessionizer (the job's default
     * chaining), only the chain's total is known.
     */
    private Map<String, Object> dedupEstimate(List<Sample> samples) {
        if (samples.size() < 3) {
            return Map.of();
        }
        List<Sample> last = samples.subList(2 * samples.size() / 3, samples.size());
        String dedup = last.get(last.size() - 1).stateMbByOperator().keySet().stream()
                .filter(name -> name.contains("Deduplicate")).findFirst().orElse(null);
        if (dedup == null) {
            return Map.of();
        }
        double stateMb = last.stream().mapToDouble(s -> s.stateMbByOperator().getOrDefault(dedup, 0.0)).average()
                .orElse(0);
        double rate = (last.get(last.size() - 1).ackedEvents() - last.get(0).ackedEvents())
                / Math.max(1e-9, last.get(last.size() - 1).seconds() - last.get(0).seconds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("operator", dedup);
        out.put("stateMb", stateMb);
        out.put("uniqueEventsPerSecond", rate);
        boolean chained = dedup.contains("Sessionize");
        out.put("chainedWithSessionizer", chained);
        // An id is kept between the TTL and the TTL plus a cleanup spacing of TTL/24: on average TTL * 49/48.
        double remembered = rate * plan.dedupTtl().toSeconds() * 49 / 48;
        if (!chained && remembered > 0) {
            double bytesPerId = stateMb * MB / remembered;
            out.put("idsRemembered", remembered);
            out.put("bytesPerRememberedId", bytesPerId);
            out.put("checkpointGbFor24hAtThisRate", bytesPerId * plan.eventsPerSecond() * 86_400 * 49 / 48 / 1e9);
        }
        return out;
    }

    /** One row per minute of the run: the interval figures summed or averaged, levels as of the minute's end. */
    private static Section.Table perMinute(List<Sample> samples) {
        List<List<String>> rows = new ArrayList<>();
        int minutes = samples.isEmpty() ? 0 : (int) Math.ceil(samples.get(samples.size() - 1).seconds() / 60);
        for (int m = 0; m < minutes; m++) {
            int minute = m;
            List<Sample> in = samples.stream().filter(s -> s.seconds() > minute * 60 && s.seconds() <= (minute + 1) * 60.0)
                    .toList();
            if (in.isEmpty()) {
                continue;
            }
            Sample end = in.get(in.size() - 1);
            Double live = in.stream().map(Sample::liveHeapMb).filter(v -> v != null).reduce((a, b) -> b).orElse(null);
            rows.add(List.of(Integer.toString(m + 1),
                    Numbers.format(in.stream().map(Sample::heapAfterGcMinMb).filter(v -> v != null)
                            .mapToDouble(Double::doubleValue).min().orElse(Double.NaN)),
                    live == null ? "" : Numbers.format(live),
                    Long.toString(in.stream().mapToLong(Sample::gcCount).sum()),
                    Long.toString(in.stream().mapToLong(Sample::gcMillis).sum()),
                    Numbers.format(in.stream().mapToDouble(Sample::cpuCores).average().orElse(Double.NaN)),
                    Numbers.format(end.rssMb()),
                    Numbers.format(end.rssAnonMb()),
                    Numbers.format(end.stateMb()),
                    String.format(Locale.ROOT, "%,d", in.stream().mapToLong(Sample::lagRecords).max().orElse(0)),
                    String.format(Locale.ROOT, "%,d", end.ackedEvents()),
                    String.format(Locale.ROOT, "%,d", end.indexedEvents()),
                    String.format(Locale.ROOT, "%,d", in.stream().mapToLong(Sample::backlogEvents).max().orElse(0)),
                    Numbers.format(end.storeMb())));
        }
        return new Section.Table("Per minute (heap after GC: lowest in the minute; live heap: after the minute's full "
                + "GC, if any; GC: collections and their time in the minute; CPU: mean cores; RSS (of which RssAnon: heap, "
                + "direct and native memory; the rest is mapped index files), state, acked, indexed and store: at the minute's end; lag and backlog (acknowledged, not yet searchable): highest sampled):",
                List.of("min", "heap after GC MB", "live heap MB", "GCs", "GC ms", "CPU cores", "RSS MB", "RssAnon MB", "state MB",
                        "lag records", "acked", "indexed", "backlog", "store MB"), rows);
    }

    private static Double megabytes(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asDouble() : null;
    }

    private static List<Double> series(List<Sample> samples, Function<Sample, Double> value) {
        return samples.stream().map(value).toList();
    }

    private static String human(Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + " h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + " min";
        }
        return d.toSeconds() + " s";
    }
}
