package dev.footfall.tracker.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A test fixture that plays the collector's side of the tracker's HTTP contract and records every
 * request exactly as the browser sent it: it serves the built {@code footfall.min.js} and answers
 * {@code POST /v1/batch} like the gateway does (JSON, CORS for the page's origin with
 * {@code Retry-After} exposed, scripted failures on demand). It checks nothing itself: the tests
 * assert on what it recorded.
 */
public final class RecordingCollector implements TrackerBackend {

    /** The tracker as the gateway serves it: the minified build from the tracker's jar. */
    public static final String SCRIPT_RESOURCE = "dev/footfall/tracker/footfall.min.js";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received, with the status the fixture answered. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body, int status,
                          Instant receivedAt) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("The tracker sent a body that is not JSON: " + body, e);
            }
        }

        public List<String> messageIds() {
            List<String> ids = new ArrayList<>();
            json().path("batch").forEach(event -> ids.add(event.path("messageId").asText()));
            return ids;
        }

        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** A scripted answer for one batch request, given after {@code delay} (a slow collector). */
    public record Answer(int status, Integer retryAfterSeconds, String body, Duration delay) {

        public static Answer status(int status) {
            return new Answer(status, null, "{\"error\":\"scripted\",\"reason\":\"scripted_failure\"}", Duration.ZERO);
        }

        public static Answer retryAfter(int status, int seconds) {
            return new Answer(status, seconds, "{\"error\":\"scripted\",\"reason\":\"unavailable\"}", Duration.ZERO);
        }

        public static Answer okAfter(Duration delay) {
            return new Answer(200, null, OK.body(), delay);
        }
    }

    private static final Answer OK = new Answer(200, null, "{\"success\":true}", Duration.ZERO);
    private static final Answer OUTAGE = Answer.retryAfter(503, 1);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final byte[] script;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Answer> scripted = new ConcurrentLinkedQueue<>();
    private volatile boolean outage;

    private RecordingCollector(byte[] script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a collector on a free loopback port, serving the built tracker. */
    public static RecordingCollector start() {
        try (InputStream in = RecordingCollector.class.getClassLoader().getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is not on the classpath: run the tracker module's build");
            }
            return new RecordingCollector(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next batch requests get these answers, in order; later ones get 200 again. */
    public void answerNext(Answer... answers) {
        scripted.addAll(List.of(answers));
    }

    /** Every request received (script loads, preflights if any, batches). */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The {@code POST /v1/batch} requests, in arrival order. */
    public List<Request> batches() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/batch")).toList();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public String scriptUrl() {
        return origin() + "/footfall.js";
    }

    @Override
    public String host() {
        return origin();
    }

    @Override
    public String writeKey() {
        return "wk_recording_collector";
    }

    @Override
    public String site() {
        return "test-site";
    }

    @Override
    public void allowOrigin(String origin) {
        // Answers every origin: what the gateway allows is the gateway's tests' business.
    }

    @Override
    public List<JsonNode> acceptedEvents() {
        List<JsonNode> events = new ArrayList<>();
        batches().stream().filter(Request::accepted).forEach(batch -> batch.json().path("batch").forEach(events::add));
        return events;
    }

    @Override
    public void startOutage() {
        outage = true;
    }

    @Override
    public void endOutage() {
        outage = false;
    }

    @Override
    public int refusals() {
        return (int) batches().stream().filter(r -> !r.accepted()).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().set("Access-Control-Expose-Headers", "Retry-After");
                exchange.getResponseHeaders().set("Vary", "Origin");
            }
            Answer answer;
            // The script under any name and path, as a first-party proxy may serve it.
            if (method.equals("GET") && path.endsWith(".js")) {
                record(exchange, method, path, body, 200);
                exchange.getResponseHeaders().set("Content-Type", "application/javascript; charset=utf-8");
                exchange.sendResponseHeaders(200, script.length);
                exchange.getResponseBody().write(script);
                return;
            } else if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
                exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type, Authorization");
                answer = new Answer(204, null, "", Duration.ZERO);
            } else if (method.equals("POST") && path.equals("/v1/batch")) {
                Answer next = scripted.poll();
                answer = next != null ? next : outage ? OUTAGE : OK;
            } else {
                answer = new Answer(404, null, "{\"error\":\"no such route\",\"reason\":\"not_found\"}", Duration.ZERO);
            }
            record(exchange, method, path, body, answer.status());
            pause(answer.delay());
            if (answer.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(answer.retryAfterSeconds()));
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(HttpExchange exchange, String method, String path, String body, int status) {
        requests.add(new Request(method, path, Map.copyOf(exchange.getRequestHeaders()), body, status, Instant.now()));
    }
}
