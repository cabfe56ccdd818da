package dev.footfall.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.Scale;
import dev.footfall.bench.Services;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.report.Figure;
import dev.footfall.bench.report.Section;
import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.bench.traffic.ClientBodies;
import dev.footfall.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The gateway benchmark: wrk against the bare-Jetty floor, then against the gateway (backed by
 * the bench's broker), with single-event requests and 50-event batches; then the Kafka
 * producer's own throughput for the records the gateway wrote. Servers run in JVMs of their own
 * with the same heap, so their CPU and heap figures are theirs alone.
 */
public record GatewayBench(Services services, Scale scale, Path runDirectory, Map<String, String> gatewayOverrides) {

    static final int BATCH_SIZE = 50;
    static final int PARTITIONS = 6;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** One shape of traffic: its route, bodies and events per request. */
    private record Shape(String id, String title, String path, Path bodies, int eventsPerRequest, double meanBytes,
            Wrk wrk) {
    }

    public Section run() {
        if (!Wrk.installed()) {
            throw new IllegalStateException("wrk is not installed; the gateway benchmark needs it (apt-get install wrk)");
        }
        Section section = new Section("gateway", "Ingest gateway: throughput, latency, CPU and heap");
        try {
            java.nio.file.Files.createDirectories(directory());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EmbeddedKafka kafka = services.kafka();
        Shape single = new Shape("single", "single events (POST /v1/track)", "/v1/track",
                directory().resolve("single.ndjson"),
                1, ClientBodies.writeSingles(directory().resolve("single.ndjson"), 5_000, 1),
                new Wrk(directory(), 1, scale.singleConnections()));
        Shape batch = new Shape("batch", BATCH_SIZE + "-event batches (POST /v1/batch)", "/v1/batch",
                directory().resolve("batch.ndjson"), BATCH_SIZE,
                ClientBodies.writeBatches(directory().resolve("batch.ndjson"), 400, BATCH_SIZE, 2),
                new Wrk(directory(), 1, scale.batchConnections()));
        String authorization = BenchSites.first().basicAuthorization();

        Map<String, Rounds> floor = new LinkedHashMap<>();
        Map<String, Rounds> gateway = new LinkedHashMap<>();
        Map<String, Long> stored = new LinkedHashMap<>();
        Map<String, JsonNode> sink = new LinkedHashMap<>();
        Progress.say("gateway: starting the bare-Jetty floor");
        try (ChildJvm floorServer = ChildJvm.start("jetty-floor", jvmOptions(), JettyFloorProcess.class,
                List.of("--threads", Integer.toString(BenchGatewayConfig.maxThreads()),
                        "--idle-timeout-ms", Long.toString(BenchGatewayConfig.idleTimeoutMillis())),
                runDirectory.resolve("logs/jetty-floor.log"))) {
            String floorUrl = floorServer.await("ready", START_TIMEOUT).path("url").asText();
            for (Shape shape : List.of(single, batch)) {
                String topic = "bench-gateway-" + shape.id;
                kafka.createTopics(PARTITIONS, topic, topic + "-sink-floor");
                Progress.say("gateway: " + shape.title + ", alternating with the floor");
                List<String> gatewayArgs = new ArrayList<>(List.of("--bootstrap", kafka.bootstrapServers(), "--topic", topic,
                        "--salt-dir", directory().resolve("salts").toString()));
                gatewayOverrides.forEach((k, v) -> gatewayArgs.addAll(List.of("--gateway." + k, v)));
                try (ChildJvm server = ChildJvm.start("gateway-" + shape.id, jvmOptions(), GatewayServerProcess.class,
                        gatewayArgs,
                        runDirectory.resolve("logs/gateway-" + shape.id + ".log"))) {
                    String url = server.await("ready", START_TIMEOUT).path("url").asText();
                    Rounds floorRounds = new Rounds();
                    Rounds gatewayRounds = new Rounds();
                    shape.wrk.run(floorUrl, shape.path, shape.bodies, authorization, scale.gatewayWarmup());
                    shape.wrk.run(url, shape.path, shape.bodies, authorization, scale.gatewayWarmup());
                    Duration round = Duration.ofSeconds(Math.max(1, scale.gatewayMeasure().toSeconds() / scale.gatewayRounds()));
                    for (int r = 0; r < scale.gatewayRounds(); r++) {
                        // ABBA order: a neighbour's burst or a slow drift weighs on both sides alike
                        if (r % 2 == 0) {
                            measure(floorServer, floorUrl, floorRounds, shape, authorization, round);
                            measure(server, url, gatewayRounds, shape, authorization, round);
                        } else {
                            measure(server, url, gatewayRounds, shape, authorization, round);
                            measure(floorServer, floorUrl, floorRounds, shape, authorization, round);
                        }
                    }
                    Progress.say(String.format("gateway: %s: gateway %,.0f requests/s (p99 %.1f ms), floor %,.0f requests/s",
                            shape.title, gatewayRounds.requestsPerSecond(), gatewayRounds.p99Millis(),
                            floorRounds.requestsPerSecond()));
                    floor.put(shape.id, floorRounds);
                    gateway.put(shape.id, gatewayRounds);
                }
                stored.put(shape.id, recordsIn(kafka.bootstrapServers(), topic));
                sink.put(shape.id, producerFloor(kafka.bootstrapServers(), topic, topic + "-sink-floor", shape));
            }
        }

        Directories.deleteRecursively(directory().resolve("salts"));
        addFigures(section, single, floor.get("single"), gateway.get("single"), sink.get("single"), true);
        addFigures(section, batch, floor.get("batch"), gateway.get("batch"), sink.get("batch"), false);

        section.note("Load: wrk " + wrkVersion() + " (1 thread; " + scale.singleConnections() + " keep-alive connections "
                + "for single events, which each wait a few milliseconds for Kafka's acknowledgement, and "
                + scale.batchConnections() + " for batches, enough to keep the gateway busy; "
                + scale.gatewayWarmup().toSeconds() + " s warm-up per server, then " + scale.gatewayMeasure().toSeconds()
                + " s measured per server and shape, in " + scale.gatewayRounds() + " rounds alternating gateway and floor "
                + "(ABBA); latency percentiles are the median of the rounds'), POSTing pre-built bodies with HTTP Basic auth (the write key): "
                + String.format("%,d", 5_000) + " distinct track messages (mean " + Math.round(single.meanBytes)
                + " bytes) and 400 distinct batches of " + BATCH_SIZE + " page and track messages (mean "
                + Math.round(batch.meanBytes / 1024) + " KB).");
        section.note(String.format("wrk used %.2f cores on the gateway's single-event run and %.2f on its batch run "
                        + "(of %d), against %.2f and %.2f for the gateway: the load generator was not the bottleneck. "
                        + "On the bare-Jetty floor wrk reached %,.0f requests/s with the same settings.",
                gateway.get("single").wrkCores(), gateway.get("batch").wrkCores(),
                Runtime.getRuntime().availableProcessors(), gateway.get("single").cores(), gateway.get("batch").cores(),
                floor.get("single").requestsPerSecond()));
        section.note("The gateway and the floor each run in a JVM of their own with -Xmx" + scale.gatewayHeap()
                + " (the throughput above is reached within that heap); Kafka runs in the bench's JVM, wrk is a separate "
                + "process: all share the machine's cores, as they would on a 2-core host. Gateway configuration: the "
                + "reference configuration (acks=all, idempotent producer, snappy, linger 2 ms) with rate limits off "
                + "(all load comes from one address and one write key). Heap after GC is the peak of the heap left "
                + "by the collections during a round; in a round where no collection ran (a light load in a roomy "
                + "heap), it is the heap after a full collection forced at the round's end.");
        for (Shape shape : List.of(single, batch)) {
            Rounds g = gateway.get(shape.id);
            long acceptedEvents = stored.get(shape.id);
            section.note(String.format("%s: the gateway's topic holds %,d records after the run (warm-up included); "
                            + "%,d requests were refused (non-2xx) and %,d failed at the socket in the measured window. "
                            + "Gateway: %.2f cores, GC %.1f%% of the time, peak heap used %.0f MB, peak heap after GC %.0f MB.",
                    shape.title, acceptedEvents, g.statusErrors(), g.socketErrors(), g.cores(), g.gcShare() * 100,
                    g.peakHeapUsedMb(), g.peakHeapAfterGcMb()));
        }
        if (!gatewayOverrides.isEmpty()) {
            section.note("Experiment: the gateway (and the producer floor's settings) with " + gatewayOverrides
                    + " on top of the reference configuration.");
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (Shape shape : List.of(single, batch)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("floorWrk", floor.get(shape.id).loads().stream().map(Wrk.Result::raw).toList());
            d.put("floorServer", floor.get(shape.id).servers());
            d.put("gatewayWrk", gateway.get(shape.id).loads().stream().map(Wrk.Result::raw).toList());
            d.put("gatewayWrkCores", gateway.get(shape.id).wrkCores());
            d.put("gatewayServer", gateway.get(shape.id).servers());
            d.put("sinkFloor", sink.get(shape.id));
            d.put("recordsInTopic", stored.get(shape.id));
            details.put(shape.id, d);
        }
        section.detail("shapes", details);
        return section;
    }

    private void addFigures(Section section, Shape shape, Rounds floor, Rounds gateway, JsonNode sink,
            boolean single) {
        int n = shape.eventsPerRequest;
        double sinkRate = sink.path("recordsPerSecond").asDouble();
        Figure.Builder events = Figure.of(shape.title + ": events", "events/s", gateway.requestsPerSecond() * n)
                .floor("bare Jetty 12 handler (reads the body, answers 202), same config", floor.requestsPerSecond() * n);
        if (single) {
            events.targetRatioAtLeast(0.5).targetAtLeast(15_000);
        }
        events.floor("Kafka producer alone, same records and settings", sinkRate);
        if (!single) {
            events.targetAtLeast(150_000);
        }
        section.add(events.build());
        if (!single) {
            section.add(Figure.of(shape.title + ": requests", "requests/s", gateway.requestsPerSecond())
                    .floor("bare Jetty 12 handler, same config", floor.requestsPerSecond())
                    .build());
        }
        section.add(Figure.of(shape.title + ": p50 latency", "ms", gateway.p50Millis()).lowerIsBetter()
                .floor("bare Jetty 12 handler, same load", floor.p50Millis()).build());
        section.add(Figure.of(shape.title + ": p99 latency", "ms", gateway.p99Millis()).lowerIsBetter()
                .floor("bare Jetty 12 handler, same load", floor.p99Millis()).build());
        section.add(Figure.of(shape.title + ": gateway CPU per request", "ms", gateway.cpuMillisPerRequest())
                .lowerIsBetter()
                .floor("bare Jetty 12 handler", floor.cpuMillisPerRequest()).build());
        section.add(Figure.of(shape.title + ": gateway heap under load (peak after GC)", "MB", gateway.peakHeapAfterGcMb())
                .lowerIsBetter()
                .floor("bare Jetty 12 handler", floor.peakHeapAfterGcMb())
                .targetAtMost(256)
                .build());
    }

    /** The bodies, wrk's scripts and the servers' salts. */
    private Path directory() {
        return runDirectory.resolve("gateway");
    }

    private List<String> jvmOptions() {
        return List.of("-Xmx" + scale.gatewayHeap(), "-Xms" + scale.gatewayHeap());
    }

    private void measure(ChildJvm server, String url, Rounds into, Shape shape, String authorization,
            Duration duration) {
        server.request("reset", COMMAND_TIMEOUT);
        Wrk.Result result = shape.wrk.run(url, shape.path, shape.bodies, authorization, duration);
        into.add(result, server.request("stats", COMMAND_TIMEOUT));
    }

    private JsonNode producerFloor(String bootstrap, String fromTopic, String toTopic, Shape shape) {
        Progress.say("gateway: Kafka producer floor for " + shape.title);
        List<String> args = new ArrayList<>(List.of("--bootstrap", bootstrap, "--from-topic", fromTopic,
                "--to-topic", toTopic, "--sample", "100000",
                "--warmup-seconds", Long.toString(scale.gatewayWarmup().toSeconds()),
                "--seconds", Long.toString(scale.gatewayMeasure().toSeconds())));
        BenchGatewayConfig.producerSettings(bootstrap, fromTopic, directory().resolve("salts"), gatewayOverrides)
                .forEach((k, v) -> {
            if (!k.equals("bootstrap.servers") && !k.equals("client.id")) {
                args.add("--producer." + k);
                args.add(String.valueOf(v));
            }
        });
        try (ChildJvm floor = ChildJvm.start("producer-floor-" + shape.id, jvmOptions(), ProducerFloorProcess.class,
                args, runDirectory.resolve("logs/producer-floor-" + shape.id + ".log"))) {
            return floor.await("result", Duration.ofMinutes(5));
        }
    }

    private static long recordsIn(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            for (int i = 0; i < PARTITIONS; i++) {
                latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    private static String wrkVersion() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
            String[] words = out.split("\\s+");
            return words.length > 1 ? words[1] : "?";
        } catch (Exception e) {
            return "?";
        }
    }
}
