package dev.footfall.gateway.abuse;

import static dev.footfall.gateway.TestGateway.BLOG_KEY;
import static dev.footfall.gateway.TestGateway.SHOP_KEY;
import static dev.footfall.gateway.TestGateway.basic;
import static dev.footfall.gateway.TestGateway.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.TestGateway;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A flood far beyond the rate limits, from one client address over many concurrent connections,
 * and from one write key spread over many addresses, while another site's normal traffic runs
 * at the same time. The other site is served: every one of its requests is answered 200 within
 * a loose bound, and all its events are in Kafka. The flooder gets 429 with Retry-After and a
 * JSON body naming the limit; exactly the flood events it was told were accepted are in Kafka,
 * nothing more. The gateway sits behind a trusted proxy (loopback), so X-Forwarded-For says
 * which client each request is from.
 */
class FloodITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final String WARM_UP = "warm-up";
    private static final int FLOODERS = 32;
    private static final int FLOOD_CAP = 4_000;
    private static final int NORMAL_CLIENTS = 4;
    /** 100 requests in all, each from a visitor of its own: within every limit of the blog's. */
    private static final int NORMAL_REQUESTS_EACH = 25;
    /** Loose on purpose: other builds share these 2 cores. What matters is that it is served. */
    private static final Duration NORMAL_LATENCY_BOUND = Duration.ofSeconds(10);

    @Test
    void shouldServeAnotherSiteWhileOneAddressFloods() {
        FloodOutcome outcome = flood("flood-address", Map.of("rate.address.per.second", "5", "rate.address.burst", "20"),
                request -> "203.0.113.66");

        assertThat(outcome.limitedMessages()).allSatisfy(message ->
                assertThat(message).contains("client address", "5 requests per second (bursts of 20)"));
        // The bucket: a burst of 20 and 5 more per second of flooding, with a little slack.
        assertThat(outcome.floodAccepted().size()).isBetween(1, 20 + 5 * (int) Math.ceil(outcome.seconds()) + 5);
    }

    @Test
    void shouldServeAnotherSiteWhileOneWriteKeyFloodsFromManyAddresses() {
        FloodOutcome outcome = flood("flood-key", Map.of(
                        "rate.address.per.second", "5", "rate.address.burst", "20",
                        "rate.writekey.per.second", "40", "rate.writekey.burst", "100"),
                // A new address for every request: no address bucket ever runs dry.
                request -> "198.18." + (request / 250) + "." + (1 + request % 250));

        assertThat(outcome.limitedMessages()).allSatisfy(message ->
                assertThat(message).contains("site 'shop'", "40 requests per second (bursts of 100)", "per write key"));
        assertThat(outcome.floodAccepted().size()).isBetween(1, 100 + 40 * (int) Math.ceil(outcome.seconds()) + 20);
    }

    /** What the flood got; the other site's side is asserted inside {@link #flood}. */
    private record FloodOutcome(Set<String> floodAccepted, List<String> limitedMessages, double seconds) {
    }

    private FloodOutcome flood(String prefix, Map<String, String> rateLimits, IntFunction<String> flooderAddress) {
        KafkaTestClient kafka = KAFKA.client();
        String topic = TestGateway.newTopic(kafka, prefix);
        GatewayConfig config = TestGateway.config(kafka, topic).with("trusted.proxies", "127.0.0.1/32").with(rateLimits);
        ExecutorService threads = Executors.newFixedThreadPool(FLOODERS + NORMAL_CLIENTS);
        try (TestGateway gw = TestGateway.start(kafka, topic, config)) {
            Set<String> floodAccepted = ConcurrentHashMap.newKeySet();
            ConcurrentLinkedQueue<String> limitedMessages = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean normalDone = new AtomicBoolean();
            CountDownLatch limiting = new CountDownLatch(1);

            warmUp(gw, SHOP_KEY, prefix);
            warmUp(gw, BLOG_KEY, prefix);

            long start = System.nanoTime();
            List<Future<?>> flooders = new ArrayList<>();
            for (int t = 0; t < FLOODERS; t++) {
                flooders.add(threads.submit(() -> {
                    for (int i; !normalDone.get() && (i = sent.getAndIncrement()) < FLOOD_CAP; ) {
                        String messageId = prefix + "-flood-" + i;
                        HttpResponse<String> response = gw.post("/v1/track", event("Flood", messageId),
                                "Authorization", basic(SHOP_KEY), "X-Forwarded-For", flooderAddress.apply(i));
                        if (response.statusCode() == 200) {
                            floodAccepted.add(messageId);
                        } else if (response.statusCode() == 429 && isRateLimitAnswer(response)) {
                            limitedMessages.add(json(response).path("message").asText());
                            limiting.countDown();
                        } else {
                            unexpected.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
                        }
                    }
                }));
            }
            awaitLatch(limiting, "the flooder was never limited");

            // The other site's traffic starts once the flood is being refused, and runs alongside it.
            List<Future<List<Duration>>> normal = new ArrayList<>();
            Set<String> normalIds = ConcurrentHashMap.newKeySet();
            for (int c = 0; c < NORMAL_CLIENTS; c++) {
                int client = c;
                normal.add(threads.submit(() -> {
                    List<Duration> latencies = new ArrayList<>();
                    for (int i = 0; i < NORMAL_REQUESTS_EACH; i++) {
                        String messageId = prefix + "-blog-" + client + "-" + i + "-" + UUID.randomUUID();
                        long sentAt = System.nanoTime();
                        HttpResponse<String> response = gw.post("/v1/track", event("Read", messageId),
                                "Authorization", basic(BLOG_KEY), "X-Forwarded-For", "192.0.2." + (1 + client * NORMAL_REQUESTS_EACH + i));
                        latencies.add(Duration.ofNanos(System.nanoTime() - sentAt));
                        assertThat(response.statusCode()).as("blog request " + messageId + ": " + response.body()).isEqualTo(200);
                        normalIds.add(messageId);
                    }
                    return latencies;
                }));
            }
            List<Duration> latencies = new ArrayList<>();
            for (Future<List<Duration>> client : normal) {
                latencies.addAll(get(client));
            }
            normalDone.set(true);
            flooders.forEach(FloodITCase::get);
            double seconds = (System.nanoTime() - start) / 1e9;

            assertThat(unexpected).as("flood answers other than 200 and a well-formed 429").isEmpty();
            assertThat(normalIds).hasSize(NORMAL_CLIENTS * NORMAL_REQUESTS_EACH);
            assertThat(latencies).allSatisfy(latency -> assertThat(latency).isLessThan(NORMAL_LATENCY_BOUND));
            assertThat(limitedMessages.size()).as("refused flood requests").isGreaterThan(floodAccepted.size());

            // Exactly: the blog's events and the flood's acknowledged ones, each under its own site.
            int expected = normalIds.size() + floodAccepted.size();
            gw.allRecords(expected + 2);
            List<JsonNode> stored = gw.storedRecords().stream()
                    .filter(r -> !r.path("messageId").asText().contains(WARM_UP)).toList();
            assertThat(stored).as("records in the topic besides the warm-up").hasSize(expected);
            Map<String, Set<String>> idsBySite = stored.stream().collect(Collectors.groupingBy(
                    r -> r.path("siteId").asText(), Collectors.mapping(r -> r.path("messageId").asText(), Collectors.toSet())));
            assertThat(idsBySite.get("blog")).isEqualTo(normalIds);
            assertThat(idsBySite.get("shop")).isEqualTo(floodAccepted);
            return new FloodOutcome(floodAccepted, List.copyOf(limitedMessages), seconds);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The topic is new, and on a busy machine the broker's first produce to a new partition can
     * fail (NOT_LEADER_OR_FOLLOWER, then the sink answers 503 for a moment). That is the Kafka
     * fault matrix's business, not this test's: wait until each site's first event is stored.
     * Each site's events here share one Kafka key, hence one partition, so this settles them all.
     */
    private static void warmUp(TestGateway gw, String writeKey, String prefix) {
        String messageId = prefix + "-" + WARM_UP + "-" + writeKey;
        await().atMost(Duration.ofSeconds(60)).until(() -> gw.post("/v1/track", event("WarmUp", messageId),
                "Authorization", basic(writeKey), "X-Forwarded-For", "192.0.2.254").statusCode() == 200);
    }

    private static String event(String name, String messageId) {
        return "{\"event\":\"" + name + "\",\"userId\":\"u\",\"messageId\":\"" + messageId + "\"}";
    }

    private static boolean isRateLimitAnswer(HttpResponse<String> response) {
        long retryAfter = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
        return retryAfter >= 1 && "rate_limited".equals(json(response).path("reason").asText());
    }

    private static void awaitLatch(CountDownLatch latch, String failure) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as(failure).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("a client thread failed: " + e.getCause(), e.getCause() != null ? e.getCause() : e);
        }
    }
}
