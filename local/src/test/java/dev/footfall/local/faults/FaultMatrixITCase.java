package dev.footfall.local.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.footfall.config.sites.Sites;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import dev.footfall.testkit.OpenSearchTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix: one local stack, one fault at a time while SDK-like senders keep posting, and
 * after each an exact ledger of what was sent, acknowledged (HTTP 200) and indexed. Every test
 * has a site of its own, so its events and rollups are counted apart from the others'. The
 * whole-stack restart comes last, since it replaces the shared stack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixITCase {

    private static final Duration RECOVERY = Duration.ofMinutes(4);
    private static final Duration FAULT_SEEN = Duration.ofSeconds(60);
    private static final Duration OPENSEARCH_OUTAGE = Duration.ofSeconds(60);
    private static final List<String> SITES = List.of("kafka", "flink", "opensearch", "gateway", "stack");
    private static final Duration PACE = Duration.ofMillis(100);
    private static final int BATCH = 5;

    @TempDir
    static Path dataDir;

    private LocalStack stack;
    private OpenSearchTestClient openSearch;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startStack() throws Exception {
        Path sitesFile = dataDir.resolve("fault-sites.json");
        StringBuilder sites = new StringBuilder("{\"sites\":[");
        for (String site : SITES) {
            sites.append(sites.length() > 10 ? "," : "")
                    .append("{\"id\":\"").append(site).append("\",\"writeKeys\":[\"").append(writeKey(site))
                    .append("\"],\"allowedOrigins\":[]}");
        }
        Files.writeString(sitesFile, sites.append("]}").toString());
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of())
                .withDataDir(dataDir.resolve("stack"))
                .withPorts(0, 0, 0, 0, 0)
                .withSitesFile(sitesFile);
        long t0 = System.nanoTime();
        stack = LocalStack.start(settings, progress::add);
        openSearch = new OpenSearchTestClient(stack.openSearchUrl());
        report("stack started in %d ms", millisSince(t0));
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void kafkaBrokerStoppedAndRestartedWhileTrafficFlows() throws Exception {
        long t0 = System.nanoTime();
        EventLedger ledger = new EventLedger();
        EmbeddedKafka kafka = StackInternals.kafka(stack);
        try (Senders senders = Senders.start("kafka", stack.gatewayUrl(), ledger, 2)) {
            awaitAcknowledged(ledger, 100);
            kafka.stop();
            try {
                // What an SDK sees: 503 with Retry-After, and the sink health says why.
                await("503 with Retry-After while Kafka is down").atMost(FAULT_SEEN)
                        .until(ledger::unavailableWithRetryAfter, seen -> seen >= 3);
                assertThat(get(stack.gatewayUrl() + "/health/sink")).contains("down");
                assertThat(get(stack.gatewayUrl() + "/health")).contains("up");
            } finally {
                kafka.start();
            }
            int acknowledgedAtRestart = ledger.acknowledgedCount();
            awaitAcknowledged(ledger, acknowledgedAtRestart + 100);
            assertThat(get(stack.gatewayUrl() + "/health/sink")).contains("up");
        }
        assertExactLedger("kafka", ledger);
        report("kafka: %s; %d ms", ledger.summary(), millisSince(t0));
    }

    @Test
    @Order(2)
    void flinkTaskManagerLostMidStream() throws Exception {
        long t0 = System.nanoTime();
        EventLedger ledger = new EventLedger();
        MiniCluster cluster = StackInternals.miniCluster(stack);
        String exceptionsBefore = get(stack.flinkUiUrl() + "/jobs/" + stack.flinkJobId() + "/exceptions");
        try (Senders senders = Senders.start("flink", stack.gatewayUrl(), ledger, 2)) {
            awaitAcknowledged(ledger, 150);
            // The launcher's MiniCluster has one TaskManager holding every task: losing it fails
            // every task at once, and the job can only come back from its last checkpoint, on a
            // fresh TaskManager, as after a machine loss.
            cluster.terminateTaskManager(0).get();
            cluster.startTaskManager();
            awaitAcknowledged(ledger, ledger.acknowledgedCount() + 150);
        }
        // The user sees nothing: the gateway only needs Kafka.
        assertThat(ledger.failedAttempts()).as(ledger.summary()).isZero();
        assertExactLedger("flink", ledger);
        String exceptionsAfter = get(stack.flinkUiUrl() + "/jobs/" + stack.flinkJobId() + "/exceptions");
        assertThat(exceptionsAfter).as("the job recorded the failure").isNotEqualTo(exceptionsBefore)
                .contains("exceptionHistory");
        report("flink: %s; %d ms", ledger.summary(), millisSince(t0));
    }

    @Test
    @Order(3)
    void openSearchUnavailableForAMinute() throws Exception {
        long t0 = System.nanoTime();
        EventLedger ledger = new EventLedger();
        EmbeddedOpenSearch node = StackInternals.openSearch(stack);
        IndexedEvents indexed = new IndexedEvents(openSearch, "opensearch");
        try (Senders senders = Senders.start("opensearch", stack.gatewayUrl(), ledger, 2)) {
            awaitAcknowledged(ledger, 100);
            await("the first events indexed").atMost(RECOVERY).until(indexed::count, n -> n > 0);
            node.stop();
            long downAt = System.nanoTime();
            try {
                // The outage lasts a minute, and all that time the gateway keeps acknowledging:
                // the events wait in Kafka.
                await("the gateway answering 200 throughout the outage").during(OPENSEARCH_OUTAGE)
                        .atMost(OPENSEARCH_OUTAGE.plusSeconds(10))
                        .until(ledger::failedAttempts, failed -> failed == 0);
            } finally {
                node.start();
            }
            report("opensearch: down for %d ms", millisSince(downAt));
            awaitAcknowledged(ledger, ledger.acknowledgedCount() + 100);
        }
        assertExactLedger("opensearch", ledger);
        report("opensearch: %s; %d ms", ledger.summary(), millisSince(t0));
    }

    @Test
    @Order(4)
    void gatewayRestartedUnderLoad() throws Exception {
        long t0 = System.nanoTime();
        EventLedger ledger = new EventLedger();
        Path sitesFile = stack.settings().sitesFile();
        GatewayConfig config = GatewayConfig.reference()
                .with("http.host", LoopbackPorts.LOOPBACK)
                .with("http.port", Integer.toString(LoopbackPorts.freePort()))
                .with("kafka.bootstrap", stack.kafkaBootstrap())
                .with("raw.topic", LocalStack.RAW_TOPIC)
                .with("salt.dir", stack.settings().dataDir().resolve("salts").toString())
                .with("sites.file", sitesFile.toString())
                .withSites(Sites.load(sitesFile));
        IngestGateway gateway = IngestGateway.start(config);
        String url = gateway.url();
        try (Senders senders = Senders.start("gateway", url, ledger, 4)) {
            awaitAcknowledged(ledger, 200);
            // Stops accepting, lets requests in flight finish, flushes the producer.
            gateway.close();
            await("senders finding the gateway gone").atMost(FAULT_SEEN)
                    .until(ledger::unansweredAttempts, n -> n >= 1);
            gateway = IngestGateway.start(config);
            assertThat(gateway.url()).isEqualTo(url);
            awaitAcknowledged(ledger, ledger.acknowledgedCount() + 200);
        } finally {
            gateway.close();
        }
        assertExactLedger("gateway", ledger);
        report("gateway: %s; %d ms", ledger.summary(), millisSince(t0));
    }

    @Test
    @Order(5)
    void wholeStackStoppedAndStartedAgain() throws Exception {
        long t0 = System.nanoTime();
        EventLedger ledger = new EventLedger();
        String url = stack.gatewayUrl();
        LocalSettings settings = stack.settings();
        try (Senders senders = Senders.start("stack", url, ledger, 2)) {
            awaitAcknowledged(ledger, 150);
            long stopAt = System.nanoTime();
            stack.close();
            stack = null;
            report("stack: stopped in %d ms", millisSince(stopAt));
            await("senders finding the stack gone").atMost(FAULT_SEEN).until(ledger::unansweredAttempts, n -> n >= 1);
            progress.clear();
            long startAt = System.nanoTime();
            stack = LocalStack.start(settings, progress::add);
            openSearch = new OpenSearchTestClient(stack.openSearchUrl());
            report("stack: started again in %d ms", millisSince(startAt));
            assertThat(stack.gatewayUrl()).isEqualTo(url);
            assertThat(progress).anyMatch(line -> line.contains("resumed from"));
            awaitAcknowledged(ledger, ledger.acknowledgedCount() + 150);
        }
        assertExactLedger("stack", ledger);
        report("stack: %s; %d ms", ledger.summary(), millisSince(t0));
    }

    /**
     * Acknowledged and not indexed: none. Indexed more than once: none. Indexed without ever
     * having been sent: none. And the rollups count each acknowledged event once.
     */
    private void assertExactLedger(String site, EventLedger ledger) {
        assertThat(ledger.sentIds()).as("every batch was finally acknowledged: " + ledger.summary())
                .isEqualTo(ledger.acknowledgedIds());
        Set<String> acknowledged = ledger.acknowledgedIds();
        IndexedEvents indexed = new IndexedEvents(openSearch, site);
        await("all " + acknowledged.size() + " acknowledged events of " + site + " indexed").atMost(RECOVERY)
                .pollInterval(Duration.ofSeconds(1))
                .until(indexed::count, count -> count >= acknowledged.size());
        Map<String, Integer> documents = indexed.documentsByMessageId();
        Set<String> missing = new HashSet<>(acknowledged);
        missing.removeAll(documents.keySet());
        List<String> doubled = new ArrayList<>();
        documents.forEach((id, copies) -> {
            if (copies > 1) {
                doubled.add(id);
            }
        });
        Set<String> unknown = new HashSet<>(documents.keySet());
        unknown.removeAll(ledger.sentIds());
        assertThat(missing).as("acknowledged but not indexed").isEmpty();
        assertThat(doubled).as("indexed more than once").isEmpty();
        assertThat(unknown).as("indexed but never sent").isEmpty();
        assertThat(indexed.count()).isEqualTo(acknowledged.size());

        IndexedEvents.RollupSums expected = new IndexedEvents.RollupSums(ledger.acknowledgedPageViews(), acknowledged.size());
        // Rollups are rewritten every second while their minute is open: equal, and staying equal.
        await("rollups of " + site + " summing to " + expected).atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .until(indexed::rollupSums, expected::equals);
        await("rollups of " + site + " staying at " + expected).during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(indexed::rollupSums, expected::equals);
    }

    private static void awaitAcknowledged(EventLedger ledger, int atLeast) {
        await("at least " + atLeast + " events acknowledged (" + ledger.summary() + ")").atMost(RECOVERY)
                .pollInterval(Duration.ofMillis(200))
                .until(ledger::acknowledgedCount, n -> n >= atLeast);
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static String writeKey(String site) {
        return "wk_fault_" + site;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void report(String format, Object... args) {
        System.out.println("[fault-matrix] " + String.format(format, args));
    }

    /** Several SDK instances posting for one site at once, so requests are in flight when a fault hits. */
    private static final class Senders implements AutoCloseable {

        private final List<RetryingSender> senders;

        private Senders(List<RetryingSender> senders) {
            this.senders = senders;
        }

        static Senders start(String site, String url, EventLedger ledger, int count) {
            List<RetryingSender> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                started.add(RetryingSender.start(site + i, url, writeKey(site), ledger, BATCH, PACE));
            }
            return new Senders(started);
        }

        @Override
        public void close() throws InterruptedException {
            for (RetryingSender sender : senders) {
                sender.close();
            }
        }
    }
}
