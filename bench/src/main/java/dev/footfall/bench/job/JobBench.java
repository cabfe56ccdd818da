package dev.footfall.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.Scale;
import dev.footfall.bench.Services;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.report.Figure;
import dev.footfall.bench.report.Section;
import dev.footfall.bench.traffic.BenchDefinitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.index.client.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The job benchmark: preloads synthetic traffic, then drains it through the pass-through floor,
 * the full job with discarding sinks, and the full job into OpenSearch, and bulk-indexes the
 * job's own actions straight into OpenSearch as the OpenSearch floor. Each run is a JVM of its own.
 *
 * @param computeOnly only the compute path and its floor (no OpenSearch runs): {@code --only job-compute}
 */
public record JobBench(Services services, Scale scale, Path runDirectory, Map<String, String> flinkOverrides,
        boolean computeOnly) {

    static final String TOPIC = "bench-job-raw";
    /** Every run but one reads an empty definitions topic: the job as it runs without goals or funnels. */
    static final String NO_DEFINITIONS = TOPIC + ".no-definitions";
    static final String DEFINITIONS = TOPIC + ".definitions";
    static final int PARTITIONS = 6;
    static final int PARALLELISM = 2;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);
    private static final long SEED = 20240501L;

    public Section run() {
        Section section = new Section("job", "Flink job: draining preloaded events");
        EmbeddedKafka kafka = services.kafka();
        RestClient search = services.openSearchClient();
        String searchUrl = services.openSearch().httpUrl();
        kafka.createTopics(PARTITIONS, TOPIC, TOPIC + ".invalid");
        new DefinitionsTopic(kafka.bootstrapServers(), NO_DEFINITIONS).ensureExists();
        DefinitionsTopic definitionsTopic = new DefinitionsTopic(kafka.bootstrapServers(), DEFINITIONS);
        definitionsTopic.ensureExists();
        definitionsTopic.publish(BenchDefinitions.forEverySite().bySite());

        Progress.say(String.format("job: preloading %,d events into Kafka", scale.jobEvents()));
        JobPreloader.Preloaded preloaded = JobPreloader.preload(kafka.bootstrapServers(), TOPIC, scale.jobEvents(), SEED);
        Map<TopicPartition, Long> ends = endOffsets(kafka.bootstrapServers(), TOPIC);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();

        // The floor runs before and after the compute path, and counts at their mean: a neighbour's
        // burst during one of them then weighs on the floor as much as on the figure.
        // With and without definitions in the order A B B A, so a drift of the machine's load
        // during the four runs weighs on both alike; each side counts at its mean.
        JsonNode passBefore = runJob(JobVariant.PASS_THROUGH, "");
        JsonNode compute = runJob(JobVariant.COMPUTE, "");
        List<JsonNode> withDefinitions = List.of(runJob(JobVariant.COMPUTE_DEFINITIONS, ""),
                runJob(JobVariant.COMPUTE_DEFINITIONS, ""));
        JsonNode computeAgain = runJob(JobVariant.COMPUTE, "");
        JsonNode passAfter = runJob(JobVariant.PASS_THROUGH, "");
        DefinitionsRuns definitions = new DefinitionsRuns(compute, computeAgain, withDefinitions.get(0), withDefinitions.get(1));
        double passSeconds = (passBefore.path("drainSeconds").asDouble() + passAfter.path("drainSeconds").asDouble()) / 2;
        if (computeOnly) {
            return computeSection(section, preloaded, total, passBefore, compute, definitions, passAfter,
                    passSeconds);
        }

        deleteFootfallIndices(search);
        Path captureDir = runDirectory.resolve("job-capture");
        JsonNode capture = runJob(JobVariant.CAPTURE, prefixOffsets(ends, scale.capturePrefixEvents(), total),
                "--capture-dir", captureDir.toString());
        deleteFootfallIndices(search);
        JsonNode bulk = runBulkFloor(searchUrl, captureDir);
        Directories.deleteRecursively(captureDir);

        deleteFootfallIndices(search);
        JsonNode intoSearch = runJob(JobVariant.OPENSEARCH, prefixOffsets(ends, scale.openSearchPrefixEvents(), total),
                "--opensearch", searchUrl);
        Map<String, Long> documents = documentCounts(search);
        deleteFootfallIndices(search);
        Directories.deleteRecursively(runDirectory.resolve("job-checkpoints"));

        double passRate = total / passSeconds;
        double computeRate = rate(compute);
        double searchRate = rate(intoSearch);
        long searchActions = actions(intoSearch);
        double searchActionRate = searchActions / intoSearch.path("drainSeconds").asDouble();
        double bulkActionRate = bulk.path("actions").asDouble() / bulk.path("seconds").asDouble();

        addComputeFigures(section, total, compute, definitions, passRate, passSeconds);
        long searchRecords = intoSearch.path("records").asLong();
        section.add(Figure.of(String.format("full job into OpenSearch (first %,d records)", searchRecords), "events/s",
                        searchRate)
                .floor(JobVariant.COMPUTE.description() + String.format(" (all %,d records)", total), computeRate)
                .build());
        section.add(Figure.of("OpenSearch actions written by the full job", "actions/s", searchActionRate)
                .floor("bulk API straight into OpenSearch: the job's own actions, same bulk size and writers",
                        bulkActionRate)
                .targetRatioAtLeast(0.8)
                .build());
        section.add(Figure.of(String.format("time to drain %,d records into OpenSearch", searchRecords), "s",
                        intoSearch.path("drainSeconds").asDouble())
                .lowerIsBetter()
                .floor(JobVariant.COMPUTE.description() + ", same number of records at its rate",
                        searchRecords / computeRate)
                .build());

        long expectedEvents = preloaded.counts().uniqueValid;
        long indexedEvents = documents.getOrDefault("events", 0L);
        long eventIndexActions = intoSearch.path("sinkCounts").path("documents events INDEX").asLong();
        section.note(String.format("Preloaded %,d records (%,d MB of JSON, snappy-compressed in Kafka, %d partitions): "
                        + "%,d unique valid events, %,d client retries (duplicates), %,d invalid, %,d arriving 1-20 min late; "
                        + "%d sites, %,d-visitor pool.",
                preloaded.counts().records, preloaded.bytes() >> 20, PARTITIONS, expectedEvents,
                preloaded.counts().duplicates, preloaded.counts().invalid, preloaded.counts().lateArrivals,
                dev.footfall.bench.traffic.BenchSites.ALL.size(), Math.max(1000, scale.jobEvents() / 12)));
        section.note("Every run is a fresh JVM (-Xmx" + scale.jobHeap() + ") with a MiniCluster at parallelism " + PARALLELISM
                + ", the production settings (checkpoints every 10 s to a local directory, exactly-once, heap state), a "
                + "bounded Kafka source from the earliest offset to the end (or to the offsets of a prefix). Drain time runs from the first record read to the end of the "
                + "job (final flushes included); start-up (YAUAA is built before the clock starts) is not counted.");
        boolean wholeTopic = searchRecords == total;
        section.note(String.format("Into OpenSearch (%s): %,d event documents searchable for %,d event index actions the "
                        + "job sent%s%s; %,d sessions, %,d rollup rows. The compute path sent %,d actions for all %,d "
                        + "records; the run into OpenSearch %,d.",
                wholeTopic ? "the whole topic" : String.format("the first %,d records", searchRecords), indexedEvents,
                eventIndexActions, indexedEvents == eventIndexActions ? " (all of them)" : " (MISMATCH)",
                wholeTopic ? String.format(", for %,d unique valid events preloaded%s", expectedEvents,
                        indexedEvents == expectedEvents ? " (all of them)" : " (MISMATCH)") : "",
                documents.getOrDefault("sessions", 0L), documents.getOrDefault("rollups", 0L), actions(compute), total,
                searchActions));
        section.note(String.format("Direct-bulk floor: the actions the job produced for the first %,d records "
                        + "(%,d actions, %,d MB), captured to files by a run of the full job, replayed with %d concurrent "
                        + "writers (one per sink subtask, as the job has) in bulks of at most 2,000 actions or 5 MB; "
                        + "%,d items failed.", capture.path("records").asLong(), bulk.path("actions").asLong(),
                bulk.path("bytes").asLong() >> 20, bulk.path("writers").asInt(), bulk.path("failedItems").asLong()));

        Map<String, Object> runs = computeRuns(passBefore, compute, definitions, passAfter);
        runs.put("capture", capture);
        runs.put("bulkFloor", bulk);
        runs.put("openSearch", intoSearch);
        noteExperiment(section);
        section.detail("records", total);
        section.detail("preloadSeconds", preloaded.seconds());
        section.detail("documentsInOpenSearch", documents);
        section.detail("runs", runs);
        return section;
    }

    private Section computeSection(Section section, JobPreloader.Preloaded preloaded, long total, JsonNode passBefore,
            JsonNode compute, DefinitionsRuns definitions, JsonNode passAfter, double passSeconds) {
        addComputeFigures(section, total, compute, definitions, total / passSeconds, passSeconds);
        section.note(String.format("The compute path only (--only job-compute): %,d records preloaded (%,d unique "
                        + "valid events, %,d duplicates, %,d invalid); every run a fresh JVM (-Xmx%s), a MiniCluster at "
                        + "parallelism %d, the production settings. The compute path sent %,d actions.",
                preloaded.counts().records, preloaded.counts().uniqueValid, preloaded.counts().duplicates,
                preloaded.counts().invalid, scale.jobHeap(), PARALLELISM, actions(compute)));
        noteExperiment(section);
        section.detail("records", total);
        section.detail("preloadSeconds", preloaded.seconds());
        section.detail("runs", computeRuns(passBefore, compute, definitions, passAfter));
        return section;
    }

    /** The runs both sections detail: the floor before and after, and the compute path with and without definitions. */
    private static Map<String, Object> computeRuns(JsonNode passBefore, JsonNode compute, DefinitionsRuns definitions,
            JsonNode passAfter) {
        Map<String, Object> runs = new LinkedHashMap<>();
        runs.put("passThroughBefore", passBefore);
        runs.put("passThroughAfter", passAfter);
        runs.put("compute", compute);
        definitions.addTo(runs);
        return runs;
    }

    private void noteExperiment(Section section) {
        if (!flinkOverrides.isEmpty()) {
            section.note("Experiment: every job run with this Flink configuration on top of the job's own: "
                    + flinkOverrides + ".");
        }
    }

    /** The runs with and without goals and funnels, A B B A. */
    private record DefinitionsRuns(JsonNode without, JsonNode withoutAgain, JsonNode with, JsonNode withAgain) {
        double withoutRate() {
            return (rate(without) + rate(withoutAgain)) / 2;
        }

        double withRate() {
            return (rate(with) + rate(withAgain)) / 2;
        }

        void addTo(Map<String, Object> runs) {
            runs.put("computeAgain", withoutAgain);
            runs.put("computeWithDefinitions", with);
            runs.put("computeWithDefinitionsAgain", withAgain);
        }
    }

    private void addComputeFigures(Section section, long total, JsonNode compute, DefinitionsRuns definitions,
            double passRate, double passSeconds) {
        section.add(Figure.of("full job, discarding sinks", "events/s", rate(compute))
                .floor(JobVariant.PASS_THROUGH.description() + " (mean of a run before and one after)", passRate)
                .targetRatioAtLeast(0.5)
                .build());
        section.add(Figure.of(JobVariant.COMPUTE_DEFINITIONS.description() + " (mean of two runs)", "events/s",
                        definitions.withRate())
                .floor("full job without goals or funnels, discarding sinks (mean of a run before and one after)",
                        definitions.withoutRate())
                .targetRatioAtLeast(0.8)
                .build());
        JsonNode counts = definitions.with().path("sinkCounts");
        JsonNode none = definitions.without().path("sinkCounts");
        section.note(String.format("Goals and funnels (%d funnels of %d steps, %d of them strict, and %d goals, for each "
                        + "of the %d sites), runs in the order without, with, with, without: %,.0f, %,.0f, %,.0f and "
                        + "%,.0f events/s. A run with them wrote %,d goal conversions and %,d funnel attempt writes (%,d "
                        + "deletions); without, none (%,d).",
                BenchDefinitions.FUNNELS, BenchDefinitions.STEPS, BenchDefinitions.STRICT, BenchDefinitions.GOALS,
                dev.footfall.bench.traffic.BenchSites.ALL.size(), rate(definitions.without()),
                rate(definitions.with()), rate(definitions.withAgain()), rate(definitions.withoutAgain()),
                counts.path("aggregates goals INDEX").asLong(), counts.path("aggregates funnels INDEX").asLong(),
                counts.path("aggregates funnels DELETE").asLong(),
                none.path("aggregates goals INDEX").asLong() + none.path("aggregates funnels INDEX").asLong()));
        section.add(Figure.of(String.format("time to drain %,d records, full job, discarding sinks", total), "s",
                        compute.path("drainSeconds").asDouble())
                .lowerIsBetter()
                .floor(JobVariant.PASS_THROUGH.description(), passSeconds)
                .build());
    }

    private JsonNode runJob(JobVariant variant, String stopOffsets, String... extra) {
        Progress.say("job: " + variant.description());
        List<String> args = new ArrayList<>(List.of("--variant", variant.name(), "--bootstrap",
                services.kafka().bootstrapServers(), "--topic", TOPIC, "--parallelism", Integer.toString(PARALLELISM)));
        if (!stopOffsets.isEmpty()) {
            args.addAll(List.of("--stop-offsets", stopOffsets));
        }
        Path checkpoints = runDirectory.resolve("job-checkpoints/" + variant.name().toLowerCase());
        args.addAll(List.of("--checkpoint-dir", checkpoints.toString()));
        args.addAll(List.of("--definitions-topic",
                variant == JobVariant.COMPUTE_DEFINITIONS ? DEFINITIONS : NO_DEFINITIONS));
        args.addAll(List.of(extra));
        flinkOverrides.forEach((k, v) -> args.addAll(List.of("--flink." + k, v)));
        try (ChildJvm child = ChildJvm.start("job-" + variant.name().toLowerCase(), List.of("-Xmx" + scale.jobHeap()),
                JobRunProcess.class, args, runDirectory.resolve("logs/job-" + variant.name().toLowerCase() + ".log"))) {
            JsonNode result = child.await("result", RUN_TIMEOUT);
            Progress.say(String.format("job: %s: %,d records in %.1f s", variant.description(),
                    result.path("records").asLong(), result.path("drainSeconds").asDouble()));
            return result;
        } finally {
            Directories.deleteRecursively(checkpoints);
        }
    }

    private JsonNode runBulkFloor(String searchUrl, Path captureDir) {
        Progress.say("job: bulk-indexing the captured actions straight into OpenSearch");
        String files;
        try (Stream<Path> list = Files.list(captureDir)) {
            files = String.join(",", list.filter(f -> f.toString().endsWith(".ndjson")).sorted()
                    .map(Path::toString).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (ChildJvm child = ChildJvm.start("bulk-floor", List.of("-Xmx" + scale.jobHeap()), BulkFloorProcess.class,
                List.of("--opensearch", searchUrl, "--files", files), runDirectory.resolve("logs/bulk-floor.log"))) {
            JsonNode result = child.await("result", RUN_TIMEOUT);
            Progress.say(String.format("job: direct bulk: %,d actions in %.1f s", result.path("actions").asLong(),
                    result.path("seconds").asDouble()));
            return result;
        }
    }

    private static double rate(JsonNode run) {
        return run.path("records").asDouble() / run.path("drainSeconds").asDouble();
    }

    /** Actions that reached the OpenSearch sinks (the dead-letter sink is not OpenSearch). */
    static long actions(JsonNode run) {
        long n = 0;
        var fields = run.path("sinkCounts").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!field.getKey().startsWith("dead-letters")) {
                n += field.getValue().asLong();
            }
        }
        return n;
    }

    static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            partitions.sort(Comparator.comparingInt(TopicPartition::partition));
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            consumer.endOffsets(partitions, Duration.ofSeconds(30)).forEach(ends::put);
            return ends;
        }
    }

    /** Stop offsets covering about {@code records} of the topic's start, spread over its partitions. */
    static String prefixOffsets(Map<TopicPartition, Long> ends, long records, long total) {
        if (records >= total) {
            return "";
        }
        double share = (double) records / total;
        List<String> parts = new ArrayList<>();
        ends.forEach((tp, end) -> parts.add(tp.partition() + ":" + (long) Math.floor(end * share)));
        return String.join(",", parts);
    }

    private static void deleteFootfallIndices(RestClient search) {
        RestClient.Response response = search.delete("/footfall-*");
        if (!response.isSuccess() && response.status() != 404) {
            throw new IllegalStateException("cannot delete the footfall indices: " + response.errorSummary());
        }
    }

    static Map<String, Long> documentCounts(RestClient search) {
        search.post("/footfall-*/_refresh", "");
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String family : List.of("events", "sessions", "rollups", "health", "invalid")) {
            RestClient.Response response = search.get("/footfall-" + family + "-*/_count");
            counts.put(family, response.isSuccess() ? response.json().path("count").asLong() : -1);
        }
        return counts;
    }

}
