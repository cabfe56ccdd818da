package dev.footfall.bench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.bench.Progress;
import dev.footfall.bench.Scale;
import dev.footfall.bench.Services;
import dev.footfall.bench.freshness.Percentiles;
import dev.footfall.bench.process.Directories;
import dev.footfall.bench.report.Figure;
import dev.footfall.bench.report.Section;
import dev.footfall.console.ConsoleConfig;
import dev.footfall.console.ConsoleServer;
import dev.footfall.console.OpenSearchAccess;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.Fields;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Stats API over a month of history: {@link HistoryPlan#events} events of one site over
 * {@link HistoryPlan#days} days, loaded by the real job ({@link HistoryLoader}) into an embedded
 * OpenSearch node with the product's templates, as in the local mode, and kept on disk under
 * {@code <out>/history-data/} so later runs with the same plan and code skip the load. The five
 * queries of {@link HistoryQueries} go through the real console's HTTP API; the floor is OpenSearch's
 * {@code _count} of the same site's events over the same range, timed in the same rounds.
 *
 * <p>Before every timed request OpenSearch's shard request cache is cleared: a repeated identical
 * query would otherwise be answered from it, which a dashboard's first look at a month never is.
 * What stays warm (the JIT, Lucene's structures, the file system cache) stays warm for the floor too.
 */
public final class HistoryBench {

    /** The target: each query's p95 through the API. */
    static final double TARGET_P95_MS = 500;
    static final String MARKER = "history.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final Services services;
    private final Scale scale;
    private final HistoryPlan plan;
    private final Path out;
    private final Path runDirectory;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public HistoryBench(Services services, Scale scale, HistoryPlan plan, Path out, Path runDirectory) {
        this.services = services;
        this.scale = scale;
        this.plan = plan;
        this.out = out;
        this.runDirectory = runDirectory;
    }

    public Section run() {
        String fingerprint = HistoryFingerprint.of(plan);
        Path dataRoot = out.resolve("history-data");
        Path data = dataRoot.resolve(plan.mode() + "-" + fingerprint);
        removeOtherHistories(dataRoot, data);
        boolean reused = Files.exists(data.resolve(MARKER));
        if (!reused) {
            Directories.deleteRecursively(data); // a load that did not finish
        }
        Section section = new Section("history", String.format("Stats API over %d days of history (%s events)",
                plan.days(), String.format("%,d", plan.events())));
        try (EmbeddedOpenSearch node = EmbeddedOpenSearch.builder().directory(data.resolve("opensearch")).build()) {
            Progress.say("history: starting OpenSearch on " + data);
            node.start();
            RestClient search = new RestClient(Endpoint.of("OpenSearch", node.httpUrl()));
            OpenSearchSetup.apply(search, OpenSearchSetup.Settings.defaults());
            JsonNode history = reused ? read(data.resolve(MARKER)) : load(node, search, data, fingerprint);
            if (reused) {
                Progress.say("history: reusing the history loaded on " + history.path("loadedAt").asText());
            }
            measure(section, node, search, history, reused);
        }
        return section;
    }

    private JsonNode load(EmbeddedOpenSearch node, RestClient search, Path data, String fingerprint) {
        Instant began = Instant.now();
        HistoryLoader.Loaded loaded = HistoryLoader.load(plan, services.kafka(), node.httpUrl(), scale.jobHeap(),
                runDirectory);
        search.post("/footfall-*/_refresh", "");
        ObjectNode marker = JSON.createObjectNode();
        marker.put("fingerprint", fingerprint).put("loadedAt", began.toString())
                .put("loadSeconds", Duration.between(began, Instant.now()).toSeconds())
                .put("records", loaded.records()).put("bytes", loaded.bytes())
                .put("preloadSeconds", loaded.preloadSeconds()).put("drainSeconds", loaded.drainSeconds())
                .put("duplicates", loaded.counts().duplicates).put("invalid", loaded.counts().invalid)
                .put("lateArrivals", loaded.counts().lateArrivals);
        marker.set("plan", JSON.valueToTree(Map.of("events", plan.events(), "days", plan.days(),
                "firstDay", plan.firstDay().toString(), "zone", plan.zone().getId(), "visitors", plan.visitors(),
                "seed", plan.seed())));
        marker.set("jobRun", loaded.jobRun());
        try {
            Files.writeString(data.resolve(MARKER), JSON.writeValueAsString(marker));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return marker;
    }

    /**
     * Times the queries through the console as shipped, in the same rounds as the floor, so both
     * meet the same neighbours.
     */
    private void measure(Section section, EmbeddedOpenSearch node, RestClient search, JsonNode history, boolean reused) {
        Site site = new Site(HistoryPlan.SITE, List.of(), Set.of(), plan.zone());
        ConsoleConfig config = ConsoleConfig.defaults().with("console.port", "0");
        List<HistoryQueries.Query> queries = HistoryQueries.of(plan);
        OpenSearchAccess access = OpenSearchAccess.of(node.httpUrl());
        try (ConsoleServer console = ConsoleServer.start(config, Sites.of(site), access, Clock.systemUTC())) {
            String key = console.keys().create("history bench", List.of(HistoryPlan.SITE)).join().key();
            Timer api = new Timer(key);
            String apiUrl = "http://127.0.0.1:" + console.port() + ConsoleServer.QUERY_ROUTE;
            String countUrl = node.httpUrl() + "/" + IndexFamily.EVENTS.indexPattern() + "/_count";
            String countBody = countBody();
            Map<String, List<Double>> samples = new LinkedHashMap<>();
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            int rounds = plan.warmupRounds() + plan.rounds();
            Progress.say(String.format("history: %d warm-up and %d timed rounds of %d queries and the floor",
                    plan.warmupRounds(), plan.rounds(), queries.size()));
            for (int round = 0; round < rounds; round++) {
                boolean timed = round >= plan.warmupRounds();
                clearRequestCache(search);
                double floor = api.time(countUrl, countBody, false).millis();
                if (timed) {
                    samples.computeIfAbsent("floor", k -> new ArrayList<>()).add(floor);
                }
                for (HistoryQueries.Query q : queries) {
                    clearRequestCache(search);
                    Timed t = api.time(apiUrl, q.body(), true);
                    answers.put(q.id(), t.body());
                    if (timed) {
                        samples.computeIfAbsent(q.id(), k -> new ArrayList<>()).add(t.millis());
                    }
                }
            }
            Percentiles floor = new Percentiles(samples.get("floor"));
            for (HistoryQueries.Query q : queries) {
                Percentiles p = new Percentiles(samples.get(q.id()));
                section.add(Figure.of(q.name() + ": p50", "ms", p.at(50)).lowerIsBetter()
                        .floor("_count of the same events, p50", floor.at(50)).build());
                section.add(Figure.of(q.name() + ": p95", "ms", p.at(95)).lowerIsBetter()
                        .floor("_count of the same events, p95", floor.at(95)).targetAtMost(TARGET_P95_MS).build());
                section.add(Figure.of(q.name() + ": p99", "ms", p.at(99)).lowerIsBetter()
                        .floor("_count of the same events, p99", floor.at(99)).build());
            }
            describe(section, search, history, reused, queries, answers, samples);
        }
    }

    private void describe(Section section, RestClient search, JsonNode history, boolean reused,
            List<HistoryQueries.Query> queries, Map<String, JsonNode> answers, Map<String, List<Double>> samples) {
        JsonNode aggregate = answers.get("aggregate").path("results").path(0).path("metrics");
        section.note(String.format("History: %,d records written to a %s-partition raw topic as the gateway writes them "
                        + "(%,d MB of JSON; about 2%% client retries, 1%% arriving 1-20 minutes late, 0.1%% invalid), one site "
                        + "in %s, %d days from %s, a pool of %,d visitors returning across days, visits of several pages "
                        + "with custom events (properties plan, value, label), search, social, referral and campaign "
                        + "traffic, 14 user agents (desktop, mobile, tablet, about 3%% crawlers); loaded by the real job "
                        + "(production settings, MiniCluster at parallelism 2) in %.0f s%s.",
                history.path("records").asLong(), "6", history.path("bytes").asLong() >> 20, plan.zone(), plan.days(),
                plan.firstDay(), plan.visitors(), history.path("drainSeconds").asDouble(),
                reused ? " on " + history.path("loadedAt").asText() + " (kept on disk and reused by this run)"
                        : " by this run"));
        section.note(String.format("In the queried days (the API's aggregate): %,.0f visitors, %,.0f visits, %,.0f page "
                        + "views, %,.0f events. Indices: %s.",
                aggregate.path(0).asDouble(), aggregate.path(1).asDouble(), aggregate.path(2).asDouble(),
                aggregate.path(6).asDouble(), indexSizes(search)));
        section.note(String.format("Method: %d warm-up rounds, then %d rounds; each round times the floor and then every "
                        + "query once, one request at a time over a kept-alive connection, with OpenSearch's request "
                        + "cache cleared before each. The console and the node run in the bench's JVM, as in the local "
                        + "mode; it reads the events and sessions indices. Floor: POST %s/_count with the site and the "
                        + "same range.",
                plan.warmupRounds(), plan.rounds(), IndexFamily.EVENTS.indexPattern()));
        for (HistoryQueries.Query q : queries) {
            section.note("`" + q.id() + "`: " + q.body());
        }
        section.detail("samplesMs", samples);
        section.detail("answers", answers);
        section.detail("history", history);
    }

    private String countBody() {
        ObjectNode body = JSON.createObjectNode();
        var filter = body.putObject("query").putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put(Fields.SITE_ID, HistoryPlan.SITE);
        filter.addObject().putObject("range").putObject(Fields.TIMESTAMP)
                .put("gte", plan.from().toEpochMilli()).put("lt", plan.to().toEpochMilli()).put("format", "epoch_millis");
        return body.toString();
    }

    private static void clearRequestCache(RestClient search) {
        RestClient.Response response = search.post("/footfall-*/_cache/clear?request=true", "");
        if (!response.isSuccess()) {
            throw new IllegalStateException("cannot clear the request cache: " + response.errorSummary());
        }
    }

    /** Documents and size on disk per family. */
    private static String indexSizes(RestClient search) {
        List<String> parts = new ArrayList<>();
        for (IndexFamily family : IndexFamily.values()) {
            RestClient.Response r = search.get("/" + family.indexPattern() + "/_stats/docs,store");
            if (!r.isSuccess()) {
                continue;
            }
            JsonNode total = r.json().path("_all").path("primaries");
            long docs = total.path("docs").path("count").asLong();
            if (docs == 0) {
                continue;
            }
            parts.add(String.format("%s %,d documents, %,d MB", family.shortName(), docs,
                    total.path("store").path("size_in_bytes").asLong() >> 20));
        }
        return String.join("; ", parts);
    }

    /** Keeps one history on disk: another plan's or an older code's is gigabytes nobody will read again. */
    private static void removeOtherHistories(Path root, Path keep) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            for (Path other : entries.filter(p -> !p.equals(keep)).toList()) {
                Progress.say("history: removing " + other + " (another plan or an older job)");
                Directories.deleteRecursively(other);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Timed(double millis, JsonNode body) {
    }

    /** Times one request at a time; fails on anything but 200. */
    private final class Timer {
        final String key;

        Timer(String key) {
            this.key = key;
        }

        Timed time(String target, String body, boolean withKey) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (withKey) {
                request.header("Authorization", "Bearer " + key);
            }
            try {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                double millis = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(target + " answered " + response.statusCode() + ": "
                            + response.body() + " (request " + body + ")");
                }
                return new Timed(millis, JSON.readTree(response.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
