package dev.footfall.bench.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.bench.process.Args;
import dev.footfall.bench.process.ChildChannel;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * The direct-bulk floor: replays the actions the job produced (captured to files) straight into
 * OpenSearch with the bulk API, one writer per captured sink subtask (the job's concurrency), in
 * bulks cut like the job's (at most so many actions and bytes). Bodies are built in memory
 * before the clock starts; only sending them is timed.
 */
public final class BulkFloorProcess {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BulkFloorProcess() {
    }

    public static void main(String[] argv) {
        ChildChannel.runOnce(argv, BulkFloorProcess::run);
    }

    static ObjectNode run(Args args) throws Exception {
        URI bulk = URI.create(args.get("opensearch") + "/_bulk");
        int maxActions = args.getInt("max-actions", 2000);
        long maxBytes = args.getLong("max-bytes", 5L << 20);
        List<List<byte[]>> writers = new ArrayList<>();
        long actions = 0;
        long bytes = 0;
        for (String file : args.get("files").split(",")) {
            Bodies bodies = bodies(Path.of(file), maxActions, maxBytes);
            writers.add(bodies.bodies);
            actions += bodies.actions;
            bytes += bodies.bytes;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        LongAdder failedItems = new LongAdder();
        LongAdder requests = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (List<byte[]> bodies : writers) {
            done.add(pool.submit(() -> {
                for (byte[] body : bodies) {
                    send(http, bulk, body, failedItems);
                    requests.increment();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return ChildChannel.message("result")
                .put("actions", actions)
                .put("bytes", bytes)
                .put("requests", requests.sum())
                .put("writers", writers.size())
                .put("failedItems", failedItems.sum())
                .put("seconds", seconds);
    }

    private static void send(HttpClient http, URI bulk, byte[] body, LongAdder failedItems)
            throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(bulk)
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("bulk request failed with " + response.statusCode() + ": "
                    + new String(response.body(), 0, Math.min(500, response.body().length), StandardCharsets.UTF_8));
        }
        JsonNode answer = JSON.readTree(response.body());
        if (answer.path("errors").asBoolean()) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                if (result.path("status").asInt() >= 300) {
                    failedItems.increment();
                }
            }
        }
    }

    private record Bodies(List<byte[]> bodies, long actions, long bytes) {
    }

    /** Cuts a captured file into bulk bodies: an action is one line, or two when a source follows. */
    private static Bodies bodies(Path file, int maxActions, long maxBytes) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int inBody = 0;
        long actions = 0;
        long bytes = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                byte[] action = (line + "\n").getBytes(StandardCharsets.UTF_8);
                byte[] source = new byte[0];
                if (!line.startsWith("{\"delete\"")) {
                    source = (in.readLine() + "\n").getBytes(StandardCharsets.UTF_8);
                }
                if (inBody > 0 && (inBody >= maxActions || body.size() + action.length + source.length > maxBytes)) {
                    bodies.add(body.toByteArray());
                    body.reset();
                    inBody = 0;
                }
                body.write(action);
                body.write(source);
                inBody++;
                actions++;
                bytes += action.length + source.length;
            }
        }
        if (inBody > 0) {
            bodies.add(body.toByteArray());
        }
        return new Bodies(bodies, actions, bytes);
    }
}
