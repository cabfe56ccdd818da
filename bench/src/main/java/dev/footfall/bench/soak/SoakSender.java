package dev.footfall.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.bench.traffic.MessageWriter;
import dev.footfall.bench.traffic.SyntheticEvent;
import dev.footfall.bench.traffic.TrafficModel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady load through the gateway for as long as the soak runs, as browsers running the tracker
 * make it: each request a batch of {@link #BATCH_SIZE} events of one site's visitors to
 * {@code /v1/batch}, started on a fixed schedule. Visits come from {@link TrafficModel} (page
 * views and custom events of many visitors of the three bench sites); one event in
 * {@link #INVALID_ONE_IN} is a custom event without a name, which the gateway refuses on its own;
 * one acknowledged batch in {@link #RETRY_ONE_IN} is sent again as it was (a client that missed
 * the answer), which the job must drop as duplicates.
 *
 * <p>Counts what the gateway acknowledged, so the soak can hold it against what was indexed.
 */
final class SoakSender {

    static final int BATCH_SIZE = 10;
    static final int INVALID_ONE_IN = 1000;
    static final int RETRY_ONE_IN = 50;
    private static final int CONNECTIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Running totals, read while the load goes on. */
    record Totals(long requests, long acceptedEvents, long retriedEvents, long rejectedEvents, long failedRequests,
            Map<String, Long> failures) {
    }

    private final URI batchUri;
    private final int eventsPerSecond;
    private final TrafficModel model;
    private final SplittableRandom random;
    private final MessageWriter writer = new MessageWriter();
    private final Map<String, List<SyntheticEvent>> pendingBySite = new HashMap<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final LongAdder requests = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, LongAdder> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    SoakSender(URI gateway, int eventsPerSecond, long visitors, long seed) {
        this.batchUri = gateway.resolve("/v1/batch");
        this.eventsPerSecond = eventsPerSecond;
        this.model = new TrafficModel(seed, Instant.now(), eventsPerSecond, visitors, BenchSites.ALL);
        this.random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
    }

    /** Starts sending in the background until {@link #stop}. */
    SoakSender start() {
        long intervalNanos = 1_000_000_000L * BATCH_SIZE / eventsPerSecond;
        long begin = System.nanoTime();
        AtomicLong next = new AtomicLong();
        for (int c = 0; c < CONNECTIONS; c++) {
            Thread t = new Thread(() -> {
                while (!stopped) {
                    long due = begin + next.getAndIncrement() * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!stopped) {
                        sendOne();
                    }
                }
            }, "soak-sender-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        return this;
    }

    /** Stops sending and waits for the requests in flight. */
    void stop() throws InterruptedException {
        stopped = true;
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    Totals totals() {
        Map<String, Long> byReason = new java.util.TreeMap<>();
        failures.forEach((reason, count) -> byReason.put(reason, count.sum()));
        return new Totals(requests.sum(), accepted.sum(), retried.sum(), rejected.sum(), failed.sum(), byReason);
    }

    private void sendOne() {
        Batch batch = nextBatch();
        int acceptedNow = post(batch);
        if (acceptedNow < 0) {
            return;
        }
        accepted.add(acceptedNow);
        if (random.nextInt(RETRY_ONE_IN) == 0) {
            int again = post(batch);
            if (again > 0) {
                retried.add(again);
            }
        }
    }

    /** Events the gateway acknowledged, or -1 when the request failed as a whole. */
    private int post(Batch batch) {
        requests.increment();
        HttpRequest request = HttpRequest.newBuilder(batchUri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", batch.site.basicAuthorization())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                fail("HTTP " + response.statusCode() + " " + reasonOf(response.body()));
                return -1;
            }
            JsonNode body = JSON.readTree(response.body());
            int refused = body.path("rejected").size();
            rejected.add(refused);
            return body.has("accepted") ? body.path("accepted").asInt() : BATCH_SIZE - refused;
        } catch (IOException e) {
            fail(e.getClass().getSimpleName());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            return -1;
        }
    }

    /** A request that failed as a whole: the client does not know whether its events were stored. */
    private void fail(String reason) {
        failed.increment();
        failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    private static String reasonOf(String body) {
        try {
            return JSON.readTree(body).path("reason").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private record Batch(BenchSites.BenchSite site, byte[] body) {
    }

    /** The next full batch of one site, its events timed now, as a browser would send them. */
    private synchronized Batch nextBatch() {
        Instant now = Instant.now();
        while (true) {
            SyntheticEvent event = model.next().at(now);
            if (random.nextInt(INVALID_ONE_IN) == 0) {
                event = event.named(null);
            }
            List<SyntheticEvent> pending = pendingBySite.computeIfAbsent(event.site().id(), k -> new ArrayList<>());
            pending.add(event);
            if (pending.size() == BATCH_SIZE) {
                pendingBySite.remove(event.site().id());
                return new Batch(event.site(), writer.batch(pending, now));
            }
        }
    }
}
