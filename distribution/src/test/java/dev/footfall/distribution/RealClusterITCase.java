package dev.footfall.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.job.FootfallJob;
import dev.footfall.local.cluster.FlinkRestClient;
import dev.footfall.local.cluster.FlinkRestClient.FlinkException;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.flink.StandaloneFlinkCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The job jar on a real standalone Flink 1.20 cluster: a JobManager and two TaskManagers, each its
 * own JVM, from the jars a distribution's {@code lib/} holds, the job jar only uploaded (loaded
 * child-first). Everything goes through {@code ./footfall submit}, {@code savepoint} and
 * {@code stop}, in front of the embedded Kafka and OpenSearch. One cluster serves the class.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClusterITCase {

    private static final Path JOB_JAR = Path.of("target/job/footfall-job.jar").toAbsolutePath();
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "cluster-shop";
    private static final String RAW_TOPIC = "cluster.raw";
    private static final String INVALID_TOPIC = "cluster.invalid";
    private static final int PARTITIONS = 4;
    private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
    /** Visitors per phase; visitor v views 1 + v % 4 pages. */
    private static final int VISITORS = 40;

    private StandaloneFlinkCluster cluster;
    private Path savepoints;

    @BeforeAll
    void startCluster(KafkaTestClient kafka, EmbeddedOpenSearch openSearch) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/real-cluster").toAbsolutePath());
        savepoints = Files.createDirectories(dir.resolve("upgrades"));
        cluster = StandaloneFlinkCluster.builder()
                .directory(dir.resolve("cluster"))
                .taskManagers(2)
                .slotsPerTaskManager(2)
                // One subtask per TaskManager at parallelism 2, so killing either one hits the job.
                .configuration("cluster.evenly-spread-out-slots", "true")
                .build()
                .start();
        kafka.createTopic(RAW_TOPIC, PARTITIONS);
        kafka.createTopic(INVALID_TOPIC, 1);
        OpenSearchSetup.apply(new RestClient(Endpoint.of("OpenSearch", openSearch.httpUrl())),
                OpenSearchSetup.Settings.defaults());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void shouldRefuseABadArgumentInTheClientBeforeAnythingReachesTheCluster() {
        Cli.Result result = Cli.run("submit", "--flink-url", cluster.restUrl(), "--job-jar", JOB_JAR.toString(),
                "--kafka-bootstrap", "127.0.0.1:9", "--session-gap", "soon");

        assertThat(result.exit()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("--session-gap").contains("soon").contains("nothing was sent");
        assertThat(cluster.get("/jars").path("files")).as("no jar was uploaded").isEmpty();

        Cli.Result password = Cli.run("submit", "--flink-url", cluster.restUrl(), "--job-jar", JOB_JAR.toString(),
                "--opensearch-user", "footfall", "--opensearch-password", "Secret-Passw0rd");
        assertThat(password.exit()).as(password.toString()).isEqualTo(2);
        assertThat(password.err()).contains("web UI").contains("--opensearch-password-file")
                .doesNotContain("Secret-Passw0rd");
    }

    @Test
    void shouldStoreEveryEventExactlyOnceThroughAKillASavepointAndRescaling(KafkaTestClient kafka,
            EmbeddedOpenSearch openSearch, OpenSearchTestClient search) throws Exception {
        FlinkRestClient flink = new FlinkRestClient(cluster.restUrl());
        String job = submit(kafka, openSearch, 2, null);

        // A mistyped argument that reaches the JobManager (the REST API and the web UI run the
        // job's main there) is refused with the job's message; the JobManager and the running
        // job carry on.
        String jarId = flink.uploadJar(JOB_JAR);
        assertThatThrownBy(() -> flink.runJar(jarId, FootfallJob.MAIN_CLASS, List.of("--session-gap", "soon"), 1, null,
                false)).isInstanceOf(FlinkException.class).hasMessageContaining("--session-gap").hasMessageContaining("soon");
        flink.deleteJar(jarId);
        assertThat(cluster.isJobManagerAlive()).isTrue();
        assertThat(flink.jobState(job)).isEqualTo("RUNNING");
        assertThat(cluster.overview().path("jobs-running").asInt()).isEqualTo(1);

        // Phase 0 at parallelism 2.
        kafka.produce(phase(0, 0, VISITORS));
        awaitEvents(search, 100);

        // Phase 1: half of it, kill -9 a TaskManager, the other half while the job recovers.
        kafka.produce(phase(1, 0, VISITORS / 2));
        cluster.killTaskManager(0);
        kafka.produce(phase(1, VISITORS / 2, VISITORS));
        cluster.startTaskManager();
        awaitEvents(search, 200);
        assertThat(flink.jobState(job)).isEqualTo("RUNNING");

        // A savepoint while it runs, then stop with one and come back at parallelism 4.
        Cli.Result savepoint = Cli.run("savepoint", "--flink-url", cluster.restUrl(), "--savepoint-dir",
                savepoints.toUri().toString());
        assertThat(savepoint.exit()).as(savepoint.toString()).isZero();
        assertThat(Path.of(java.net.URI.create(savepoint.lastLine())).resolve("_metadata")).exists();

        String toFour = stop();
        String four = submit(kafka, openSearch, 4, toFour);
        assertThat(parallelism(four)).isEqualTo(4);
        kafka.produce(phase(2, 0, VISITORS));
        awaitEvents(search, 300);

        String toTwo = stop();
        String two = submit(kafka, openSearch, 2, toTwo);
        assertThat(parallelism(two)).isEqualTo(2);
        kafka.produce(phase(3, 0, VISITORS));
        awaitEvents(search, 400);

        // Last in each partition, hours later: every session closes and every window is final.
        List<ProducerRecord<String, String>> clocks = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            clocks.add(new ProducerRecord<>(RAW_TOPIC, p, "clock/" + p,
                    RawPages.page("clock", "clock-" + p, "clock-" + p, T0.plus(Duration.ofHours(10)), "https://clock.example/")));
        }
        kafka.produce(clocks);

        // Per phase: 40 visitors viewing 1 + v % 4 pages = 10 x (1 + 2 + 3 + 4) = 100 events, one
        // session each (40), a bounce where v % 4 == 0 (10). Four phases: 400 events, 160 sessions,
        // 40 bounces; every fifth event was sent twice and counts once.
        await().atMost(DEADLINE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            search.refresh("footfall-*");
            assertThat(count(search, IndexFamily.EVENTS)).isEqualTo(400);
            JsonNode sessions = sums(search, IndexFamily.SESSIONS, "pageviews");
            assertThat(sessions.path("count").asLong()).isEqualTo(160);
            assertThat(sessions.path("pageviews").asLong()).isEqualTo(400);
            assertThat(count(search, IndexFamily.SESSIONS, "{\"term\":{\"is_bounce\":true}}")).isEqualTo(40);
            assertThat(count(search, IndexFamily.SESSIONS, "{\"term\":{\"is_open\":true}}")).isZero();
            JsonNode rollups = rollupSums(search);
            assertThat(rollups.path("pageviews").path("value").asLong()).isEqualTo(400);
            assertThat(rollups.path("events").path("value").asLong()).isEqualTo(400);
            assertThat(rollups.path("sessions").path("value").asLong()).isEqualTo(160);
            assertThat(rollups.path("bounces").path("value").asLong()).isEqualTo(40);
        });
        assertThat(cluster.isJobManagerAlive()).isTrue();
    }

    private String submit(KafkaTestClient kafka, EmbeddedOpenSearch openSearch, int parallelism, String savepoint) {
        List<String> args = new ArrayList<>(List.of("submit", "--flink-url", cluster.restUrl(), "--job-jar",
                JOB_JAR.toString(), "--parallelism", Integer.toString(parallelism),
                "--kafka-bootstrap", kafka.bootstrapServers(), "--raw-topic", RAW_TOPIC, "--invalid-topic", INVALID_TOPIC,
                "--consumer-group", "cluster-test", "--opensearch-url", openSearch.httpUrl(),
                "--state-backend", "rocksdb", "--checkpoint-interval", "2s"));
        if (savepoint != null) {
            args.addAll(List.of("--from-savepoint", savepoint));
        }
        Cli.Result result = Cli.run(args.toArray(String[]::new));
        assertThat(result.exit()).as(result.toString()).isZero();
        String job = result.lastLine();
        FlinkRestClient flink = new FlinkRestClient(cluster.restUrl());
        await().atMost(DEADLINE).until(() -> allTasksRunning(job));
        assertThat(flink.jobState(job)).isEqualTo("RUNNING");
        return job;
    }

    private String stop() {
        Cli.Result stopped = Cli.run("stop", "--flink-url", cluster.restUrl(), "--savepoint-dir", savepoints.toUri().toString());
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(cluster.overview().path("jobs-running").asInt()).isZero();
        return stopped.lastLine();
    }

    private boolean allTasksRunning(String job) {
        JsonNode vertices = cluster.get("/jobs/" + job).path("vertices");
        return vertices.size() > 0 && StreamSupport.stream(vertices.spliterator(), false)
                .allMatch(v -> v.path("status").asText().equals("RUNNING"));
    }

    private int parallelism(String job) {
        return StreamSupport.stream(cluster.get("/jobs/" + job).path("vertices").spliterator(), false)
                .mapToInt(v -> v.path("parallelism").asInt()).max().orElse(0);
    }

    private static void awaitEvents(OpenSearchTestClient search, long expected) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            search.refresh("footfall-*");
            assertThat(count(search, IndexFamily.EVENTS)).isEqualTo(expected);
        });
    }

    /**
     * Phase {@code p}'s raw records for visitors {@code from} (inclusive) to {@code to}: visitor v
     * views 1 + v % 4 pages a minute apart, starting v x 5 s into the phase's hour; every fifth
     * event is sent twice (a client retry, same message id).
     */
    private static List<ProducerRecord<String, String>> phase(int p, int from, int to) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int v = from; v < to; v++) {
            String visitor = "p" + p + "-visitor-" + v;
            for (int k = 0; k < 1 + v % 4; k++) {
                Instant time = T0.plus(Duration.ofHours(p)).plusSeconds(v * 5L + k * 60L);
                String record = RawPages.page(SITE, visitor, visitor + "-" + k, time,
                        "https://shop.example/page-" + k);
                records.add(new ProducerRecord<>(RAW_TOPIC, SITE + "/" + visitor, record));
                if ((v + k) % 5 == 0) {
                    records.add(new ProducerRecord<>(RAW_TOPIC, SITE + "/" + visitor, record));
                }
            }
        }
        return records;
    }


    private static long count(OpenSearchTestClient search, IndexFamily family) {
        return count(search, family, "{\"match_all\":{}}");
    }

    private static long count(OpenSearchTestClient search, IndexFamily family, String filter) {
        return search.count(family.indexPattern(), "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"" + Fields.SITE_ID
                + "\":\"" + SITE + "\"}}," + filter + "]}}}");
    }

    private static JsonNode sums(OpenSearchTestClient search, IndexFamily family, String field) {
        JsonNode aggs = search.aggregate(family.indexPattern(), siteQuery(), "{\"" + field + "\":{\"sum\":{\"field\":\""
                + field + "\"}}}");
        ObjectNode out = JSON.createObjectNode();
        out.put("count", count(search, family));
        out.put(field, aggs.path(field).path("value").asLong());
        return out;
    }

    private static JsonNode rollupSums(OpenSearchTestClient search) {
        String query = "{\"bool\":{\"filter\":[{\"term\":{\"" + Fields.SITE_ID + "\":\"" + SITE
                + "\"}},{\"term\":{\"dimension\":\"site\"}}]}}";
        StringBuilder aggs = new StringBuilder("{");
        for (String field : List.of("pageviews", "events", "sessions", "bounces")) {
            aggs.append(aggs.length() > 1 ? "," : "").append('"').append(field).append("\":{\"sum\":{\"field\":\"")
                    .append(field).append("\"}}");
        }
        return search.aggregate(IndexFamily.ROLLUPS.indexPattern(), query, aggs.append('}').toString());
    }

    private static String siteQuery() {
        return "{\"term\":{\"" + Fields.SITE_ID + "\":\"" + SITE + "\"}}";
    }
}
