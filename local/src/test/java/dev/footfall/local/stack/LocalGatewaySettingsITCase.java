package dev.footfall.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./footfall up} applies the gateway's settings from the same layers as production: here
 * the environment switches the per-address rate limit off for a load test and moves the ingest
 * routes under a path prefix, a config file gives the tracker another name, and the running
 * gateway does exactly that.
 */
class LocalGatewaySettingsITCase {

    private static final String WRITE_KEY = "wk_local_settings_test";
    private static final int REQUESTS = 1_000;
    private static final int CONCURRENCY = 16;

    @TempDir
    Path dataDir;

    @Test
    void shouldServeALoadTestFromOneAddressWithoutA429WhenTheEnvironmentSwitchesTheLimitOff() throws Exception {
        Path configFile = dataDir.resolve("gateway.properties");
        // The burst is a tripwire: had the environment's rate of 0 (the limit off) not applied, the
        // reference rate (100 per second) with a burst of 1 would refuse the second of any two
        // requests less than 10 ms apart, and the load below starts with 16 sent at once.
        Files.writeString(configFile, "tracker.alias=p.js\nrate.address.burst=1\n");
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(
                        "FOOTFALL_RATE_ADDRESS_PER_SECOND", "0",
                        "FOOTFALL_HTTP_PATH_PREFIX", "/stats",
                        "FOOTFALL_CONFIG_FILE", configFile.toString()))
                .withDataDir(dataDir.resolve("data"))
                .withPorts(0, 0, 0, 0, 0)
                .withLocalWriteKey(WRITE_KEY);
        List<String> progress = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(settings, progress::add)) {
            assertThat(progress).contains("  gateway settings: http.path.prefix=/stats, rate.address.burst=1, "
                    + "rate.address.per.second=0, tracker.alias=p.js");
            assertThat(stack.trackerUrl()).isEqualTo(stack.gatewayUrl() + "/stats/p.js");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> demo = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(demo.body()).as("the demo site loads the tracker where it now is").contains("src=\"/stats/p.js\"");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(stack.trackerUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            Map<Integer, Long> statuses = load(http, stack.ingestUrl() + "/v1/batch");

            assertThat(statuses).as("status: count").isEqualTo(Map.of(200, (long) REQUESTS));
            String metrics = http.send(HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).doesNotContain("reason=\"rate_limited\"");
        }
    }

    /** {@value #REQUESTS} one-event batches from this one address, {@value #CONCURRENCY} at a time; the answers' statuses counted. */
    private static Map<Integer, Long> load(HttpClient http, String url) throws InterruptedException {
        String auth = "Basic " + Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
        Map<Integer, AtomicLong> counts = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"batch\":[{\"type\":\"track\",\"event\":\"Load\","
                            + "\"userId\":\"load-user\",\"properties\":{\"i\":" + i + "}}]}")).build();
            all.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                counts.computeIfAbsent(failure != null ? -1 : response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        Map<Integer, Long> result = new TreeMap<>();
        counts.forEach((status, count) -> result.put(status, count.get()));
        return result;
    }
}
