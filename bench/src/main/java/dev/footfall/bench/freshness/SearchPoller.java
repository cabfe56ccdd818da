package dev.footfall.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.RestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Asks OpenSearch, every {@link #INTERVAL}, which probes have become searchable: by document id
 * in {@code footfall-events-*}, by visitor and end time in {@code footfall-sessions-*}, by event
 * name in {@code footfall-rollups-*}; and which direct writes (the floor) have, by id. A probe's
 * time is taken when the answer that first shows it arrives, so the resolution is the interval
 * plus a search.
 */
final class SearchPoller implements Runnable {

    static final Duration INTERVAL = Duration.ofMillis(100);
    private static final int MAX_PER_QUERY = 500;
    /**
     * A session query has four clauses per probe, and OpenSearch refuses more than 1,024 in one
     * query (too_many_nested_clauses): a backlog of probes is searched 200 at a time.
     */
    private static final int MAX_SESSIONS_PER_QUERY = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient search;
    private final String floorIndex;
    private final ConcurrentLinkedQueue<Probe> newProbes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DirectWrite> newWrites = new ConcurrentLinkedQueue<>();
    private final List<Probe> pending = new ArrayList<>();
    private final List<DirectWrite> pendingWrites = new ArrayList<>();
    private volatile boolean stopped;
    private volatile long searches;

    /** A document written straight into OpenSearch for the floor. */
    static final class DirectWrite {
        final String id;
        final long ackNanos;
        volatile long foundNanos;

        DirectWrite(String id, long ackNanos) {
            this.id = id;
            this.ackNanos = ackNanos;
        }
    }

    SearchPoller(RestClient search, String floorIndex) {
        this.search = search;
        this.floorIndex = floorIndex;
    }

    void add(Probe probe) {
        newProbes.add(probe);
    }

    void add(DirectWrite write) {
        newWrites.add(write);
    }

    /** Whether every probe and write handed over so far has been found. */
    private boolean allFound() {
        return newProbes.isEmpty() && newWrites.isEmpty() && pending.isEmpty() && pendingWrites.isEmpty();
    }

    /**
     * Waits until every probe and write handed over so far has been found, or {@code timeout} has
     * passed; each search round wakes it. Returns whether all were found.
     */
    synchronized boolean awaitAllFound(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allFound()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(left / 1_000_000 + 1);
        }
        return true;
    }

    void stop() {
        stopped = true;
    }

    long searches() {
        return searches;
    }

    @Override
    public void run() {
        while (!stopped) {
            long next = System.nanoTime() + INTERVAL.toNanos();
            try {
                pollOnce();
            } catch (RuntimeException e) {
                // a slow or failed search is retried at the next tick; the probe's time then grows, as it should
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private synchronized void pollOnce() {
        drain();
        List<Probe> events = select(p -> p.eventFoundNanos == 0);
        if (!events.isEmpty()) {
            Set<String> found = ids(IndexFamily.EVENTS.indexPattern(), events.stream().map(Probe::documentId).toList());
            long now = System.nanoTime();
            events.stream().filter(p -> found.contains(p.documentId())).forEach(p -> p.eventFoundNanos = now);
        }
        List<Probe> sessions = select(p -> p.sessionFoundNanos == 0).stream().limit(MAX_SESSIONS_PER_QUERY).toList();
        if (!sessions.isEmpty()) {
            findSessions(sessions);
        }
        List<Probe> rollups = select(p -> p.rollupFoundNanos == 0);
        if (!rollups.isEmpty()) {
            findRollups(rollups);
        }
        List<DirectWrite> writes = pendingWrites.stream().limit(MAX_PER_QUERY).toList();
        if (!writes.isEmpty()) {
            Set<String> found = ids(floorIndex, writes.stream().map(w -> w.id).toList());
            long now = System.nanoTime();
            writes.stream().filter(w -> found.contains(w.id)).forEach(w -> w.foundNanos = now);
        }
        pending.removeIf(Probe::complete);
        pendingWrites.removeIf(w -> w.foundNanos != 0);
        notifyAll();
    }

    private void drain() {
        Probe p;
        while ((p = newProbes.poll()) != null) {
            pending.add(p);
        }
        DirectWrite w;
        while ((w = newWrites.poll()) != null) {
            pendingWrites.add(w);
        }
    }

    private List<Probe> select(java.util.function.Predicate<Probe> missing) {
        return pending.stream().filter(missing).limit(MAX_PER_QUERY).toList();
    }

    private Set<String> ids(String index, List<String> ids) {
        ObjectNode body = JSON.createObjectNode().put("size", ids.size()).put("_source", false);
        body.putObject("query").putObject("ids").set("values", JSON.valueToTree(ids));
        Set<String> found = new HashSet<>();
        for (JsonNode hit : hits(index, body)) {
            found.add(hit.path("_id").asText());
        }
        return found;
    }

    private void findSessions(List<Probe> probes) {
        ObjectNode body = JSON.createObjectNode().put("size", 10_000);
        body.putArray("_source").add("site_id").add("visitor_id").add("end");
        ArrayNode should = body.putObject("query").putObject("bool").putArray("should");
        Map<String, List<Probe>> byVisitor = new HashMap<>();
        for (Probe p : probes) {
            byVisitor.computeIfAbsent(p.siteId + "/" + p.visitorId, k -> new ArrayList<>()).add(p);
            ArrayNode filter = should.addObject().putObject("bool").putArray("filter");
            filter.addObject().putObject("term").put("site_id", p.siteId);
            filter.addObject().putObject("term").put("visitor_id", p.visitorId);
            filter.addObject().putObject("range").putObject("end").put("gte", p.eventTimeMillis);
        }
        JsonNode hits = hits(IndexFamily.SESSIONS.indexPattern(), body);
        long now = System.nanoTime();
        for (JsonNode hit : hits) {
            JsonNode s = hit.path("_source");
            long end = Instant.parse(s.path("end").asText()).toEpochMilli();
            for (Probe p : byVisitor.getOrDefault(s.path("site_id").asText() + "/" + s.path("visitor_id").asText(), List.of())) {
                if (p.sessionFoundNanos == 0 && end >= p.eventTimeMillis) {
                    p.sessionFoundNanos = now;
                }
            }
        }
    }

    private void findRollups(List<Probe> probes) {
        ObjectNode body = JSON.createObjectNode().put("size", probes.size());
        body.putArray("_source").add("key");
        ArrayNode filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("dimension", "event");
        filter.addObject().putObject("terms").set("key", JSON.valueToTree(probes.stream().map(p -> p.eventName).toList()));
        Set<String> found = new HashSet<>();
        for (JsonNode hit : hits(IndexFamily.ROLLUPS.indexPattern(), body)) {
            found.add(hit.path("_source").path("key").asText());
        }
        long now = System.nanoTime();
        probes.stream().filter(p -> found.contains(p.eventName)).forEach(p -> p.rollupFoundNanos = now);
    }

    private JsonNode hits(String index, ObjectNode body) {
        searches++;
        RestClient.Response response = search.post("/" + index + "/_search?ignore_unavailable=true&allow_no_indices=true",
                body.toString());
        if (!response.isSuccess()) {
            throw new IllegalStateException("search failed: " + response.errorSummary());
        }
        return response.json().path("hits").path("hits");
    }
}
