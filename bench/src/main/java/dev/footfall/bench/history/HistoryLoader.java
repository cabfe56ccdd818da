package dev.footfall.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.job.JobPreloader;
import dev.footfall.bench.job.JobRunProcess;
import dev.footfall.bench.job.JobVariant;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.bench.traffic.RawTopicTraffic;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Loads a history the way production gets one: the synthetic traffic goes into a raw topic as the
 * gateway writes it (snappy, keyed by visitor, in order of receipt, with client retries, late and
 * invalid records), and the real job ({@link JobRunProcess}, its production settings, a
 * MiniCluster at parallelism 2 in a JVM of its own) drains it into OpenSearch. Every document is
 * the job's own: events, sessions, rollups and whatever else the job writes.
 */
final class HistoryLoader {

    static final String TOPIC = "bench-history-raw";
    static final String DEFINITIONS_TOPIC = TOPIC + ".definitions";
    private static final int PARTITIONS = 6;
    private static final int PARALLELISM = 2;
    private static final Duration RUN_TIMEOUT = Duration.ofHours(3);

    /** What went in, and how long it took. */
    record Loaded(long records, RawTopicTraffic.Counts counts, long bytes, double preloadSeconds, double drainSeconds,
            JsonNode jobRun) {
    }

    private HistoryLoader() {
    }

    static Loaded load(HistoryPlan plan, EmbeddedKafka kafka, String openSearchUrl, String jobHeap, Path runDirectory) {
        createRawTopic(kafka.bootstrapServers());
        kafka.createTopics(1, TOPIC + ".invalid");
        // The job reads goals and funnels from a definitions topic; the history has none (empty).
        new DefinitionsTopic(kafka.bootstrapServers(), DEFINITIONS_TOPIC).ensureExists();
        Instant start = plan.from().minus(HistoryPlan.LEAD_IN);
        Instant stop = plan.to().plus(HistoryPlan.TAIL);
        Progress.say(String.format("history: writing about %,d events (%s to %s, %s) into Kafka", plan.events(),
                plan.firstDay(), plan.lastDay(), plan.zone()));
        RawTopicTraffic traffic = new RawTopicTraffic(plan.seed(), start, plan.eventsPerSecond(), plan.visitors(),
                List.of(BenchSites.HISTORY));
        long began = System.nanoTime();
        JobPreloader.Written written = JobPreloader.write(kafka.bootstrapServers(), TOPIC, traffic, Long.MAX_VALUE,
                stop.toEpochMilli());
        long records = written.records();
        long bytes = written.bytes();
        double preloadSeconds = (System.nanoTime() - began) / 1e9;
        Progress.say(String.format("history: %,d records (%,d MB) in %.0f s; the job drains them into OpenSearch",
                records, bytes >> 20, preloadSeconds));

        Path checkpoints = runDirectory.resolve("history-checkpoints");
        List<String> args = List.of("--variant", JobVariant.OPENSEARCH.name(), "--bootstrap", kafka.bootstrapServers(),
                "--topic", TOPIC, "--definitions-topic", DEFINITIONS_TOPIC,
                "--parallelism", Integer.toString(PARALLELISM), "--opensearch", openSearchUrl,
                "--checkpoint-dir", checkpoints.toString());
        try (ChildJvm child = ChildJvm.start("history-job", List.of("-Xmx" + jobHeap), JobRunProcess.class, args,
                runDirectory.resolve("logs/history-job.log"))) {
            JsonNode result = child.await("result", RUN_TIMEOUT);
            Progress.say(String.format("history: the job drained %,d records in %.0f s", result.path("records").asLong(),
                    result.path("drainSeconds").asDouble()));
            return new Loaded(records, traffic.counts(), bytes, preloadSeconds, result.path("drainSeconds").asDouble(), result);
        } finally {
            Directories.deleteRecursively(checkpoints);
        }
    }

    /**
     * The raw topic, kept without a time limit: its records carry their receipt times in the
     * history's month, which Kafka's default retention (7 days) would delete as soon as written.
     */
    private static void createRawTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")))).all().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + TOPIC, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
