package dev.footfall.bench.freshness;

import dev.footfall.bench.traffic.BenchSites;
import dev.footfall.bench.traffic.MessageWriter;
import dev.footfall.bench.traffic.SyntheticEvent;
import dev.footfall.bench.traffic.TrafficModel;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A steady load through the gateway, as browsers running the tracker make it: batches of
 * {@link #BATCH_SIZE} events to {@code /v1/batch}, started on a fixed schedule (not as fast as
 * answers come back), spread over a few keep-alive connections. Every {@code probeEvery}-th
 * request carries a probe event, handed to {@code onProbe} once the gateway acknowledged it.
 */
final class PacedSender {

    static final int BATCH_SIZE = 10;
    /** Enough for the freshness load; the capacity search asks for more at higher rates. */
    static final int CONNECTIONS = 4;

    /** What was sent. */
    record Sent(long requests, long acceptedEvents, long failedRequests, double seconds, double[] ackMillis) {
    }

    private final URI gateway;
    private final BenchSites.BenchSite site;
    private final int eventsPerSecond;
    private final int probeEvery;
    private final int connections;
    private final TrafficModel model;
    private final MessageWriter writer = new MessageWriter();
    private final AtomicLong probes = new AtomicLong();

    PacedSender(URI gateway, BenchSites.BenchSite site, int eventsPerSecond, int probesPerSecond, long seed) {
        this(gateway, site, eventsPerSecond, probesPerSecond, seed, CONNECTIONS);
    }

    PacedSender(URI gateway, BenchSites.BenchSite site, int eventsPerSecond, int probesPerSecond, long seed,
            int connections) {
        this.connections = connections;
        this.gateway = gateway;
        this.site = site;
        this.eventsPerSecond = eventsPerSecond;
        int requestsPerSecond = Math.max(1, eventsPerSecond / BATCH_SIZE);
        this.probeEvery = Math.max(1, requestsPerSecond / Math.max(1, probesPerSecond));
        this.model = new TrafficModel(seed, Instant.now(), eventsPerSecond, Math.max(1000, eventsPerSecond * 30L),
                List.of(site));
    }

    /** Sends for {@code duration}; blocks until done. */
    Sent run(Duration duration, Consumer<Probe> onProbe) throws InterruptedException {
        long intervalNanos = 1_000_000_000L * BATCH_SIZE / eventsPerSecond;
        long total = duration.toNanos() / intervalNanos;
        AtomicLong nextIndex = new AtomicLong();
        LongAdder accepted = new LongAdder();
        LongAdder failed = new LongAdder();
        ConcurrentLinkedQueue<Double> ackMillis = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                KeepAliveConnection connection = null;
                try {
                    long i;
                    while ((i = nextIndex.getAndIncrement()) < total) {
                        long due = start + i * intervalNanos;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        Request request = build(i % probeEvery == 0);
                        long sentAt = System.nanoTime();
                        try {
                            if (connection == null) {
                                connection = new KeepAliveConnection(gateway);
                            }
                            KeepAliveConnection.Response response = connection.post("/v1/batch",
                                    site.basicAuthorization(), request.body);
                            long ack = System.nanoTime();
                            if (response.status() == 200 && !response.text().contains("\"rejected\"")) {
                                accepted.add(BATCH_SIZE);
                                ackMillis.add((ack - sentAt) / 1e6);
                                if (request.probe != null) {
                                    request.probe.ackNanos = ack;
                                    onProbe.accept(request.probe);
                                }
                            } else {
                                failed.increment();
                            }
                        } catch (IOException e) {
                            failed.increment();
                            closeQuietly(connection);
                            connection = null;
                        }
                    }
                } finally {
                    closeQuietly(connection);
                    done.countDown();
                }
            }, "paced-sender-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sent(total, accepted.sum(), failed.sum(), seconds,
                ackMillis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private record Request(byte[] body, Probe probe) {
    }

    /** One batch of the model's next events, timed now; the first one a probe when asked. */
    private synchronized Request build(boolean withProbe) {
        Instant now = Instant.now();
        List<SyntheticEvent> batch = new ArrayList<>(BATCH_SIZE);
        Probe probe = null;
        for (int k = 0; k < BATCH_SIZE; k++) {
            SyntheticEvent e = model.next().at(now);
            if (k == 0 && withProbe) {
                String name = "bench-probe-" + probes.incrementAndGet();
                e = e.named(name);
                probe = new Probe(site.id(), e.messageId(), e.anonymousId(), name, now.toEpochMilli());
            }
            batch.add(e);
        }
        return new Request(writer.batch(batch, now), probe);
    }

    private static void closeQuietly(KeepAliveConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
