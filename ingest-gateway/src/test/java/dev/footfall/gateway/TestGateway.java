package dev.footfall.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway on 127.0.0.1 and a free port, writing to a topic of its own on the shared
 * embedded broker, with two sites: "shop" (write key {@value #SHOP_KEY}, origin
 * {@value #SHOP_ORIGIN}) and "blog" ({@value #BLOG_KEY}, {@value #BLOG_ORIGIN}).
 *
 * <p>A test class that needs one gateway for all its tests registers it as an extension, which
 * starts it before the first test and closes it after the last:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TestGateway GW = TestGateway.perClass("routes");
 * }</pre>
 */
public final class TestGateway implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final String SHOP_KEY = "wk_shop_test";
    public static final String BLOG_KEY = "wk_blog_test";
    public static final String SERVER_KEY = "wk_server_only";
    public static final String SHOP_ORIGIN = "http://shop.test";
    public static final String BLOG_ORIGIN = "https://blog.test";
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TOPICS = new AtomicInteger();

    // Set at construction, or by beforeAll when the instance is registered per class.
    public String topic;
    public IngestGateway gateway;
    public KafkaTestClient kafka;
    private final String perClassPrefix;
    public final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private TestGateway(KafkaTestClient kafka, String topic, IngestGateway gateway) {
        this.kafka = kafka;
        this.topic = topic;
        this.gateway = gateway;
        this.perClassPrefix = null;
    }

    private TestGateway(String perClassPrefix) {
        this.perClassPrefix = perClassPrefix;
    }

    /** A gateway for a whole test class, on a fresh topic named after {@code prefix}: register it as an extension. */
    public static TestGateway perClass(String prefix) {
        return new TestGateway(prefix);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (perClassPrefix == null) {
            throw new IllegalStateException("only a TestGateway from perClass(...) is started by JUnit");
        }
        KafkaExtension broker = new KafkaExtension();
        broker.beforeAll(context);
        kafka = broker.client();
        topic = newTopic(kafka, perClassPrefix);
        gateway = IngestGateway.start(config(kafka, topic));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) {
            close();
        }
    }

    public static Sites sites(String... extraShopOrigins) {
        Set<String> shopOrigins = new java.util.LinkedHashSet<>(List.of(SHOP_ORIGIN));
        shopOrigins.addAll(List.of(extraShopOrigins));
        return Sites.of(
                new Site("shop", List.of(SHOP_KEY), shopOrigins),
                new Site("blog", List.of(BLOG_KEY), Set.of(BLOG_ORIGIN)),
                new Site("backend", List.of(SERVER_KEY), Set.of()));
    }

    /** A test configuration: loopback, port 0, generous limits, a fresh topic and salt directory. */
    public static GatewayConfig config(KafkaTestClient kafka, String topic) {
        try {
            return GatewayConfig.reference()
                    .with("http.host", "127.0.0.1")
                    .with("http.port", "0")
                    .with("kafka.bootstrap", kafka.bootstrapServers())
                    .with("raw.topic", topic)
                    .with("salt.dir", Files.createTempDirectory("footfall-salts-").toString())
                    .with("tracker.resource", "dev/footfall/gateway/test-tracker.js")
                    .with("rate.address.per.second", "0")
                    .with("rate.writekey.per.second", "0")
                    .withSites(sites());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String newTopic(KafkaTestClient kafka, String prefix) {
        String topic = "gw-" + prefix + "-" + TOPICS.incrementAndGet() + "-" + System.nanoTime();
        kafka.createTopic(topic, 3);
        return topic;
    }

    public static TestGateway start(KafkaTestClient kafka, String prefix) {
        return start(kafka, prefix, UnaryOperator.identity());
    }

    /**
     * A gateway on a fresh topic named after {@code prefix}, with the test configuration as
     * {@code settings} changes it: {@code start(kafka, "slow", config -> config.with("http.idle.timeout.ms", "1000"))}.
     */
    public static TestGateway start(KafkaTestClient kafka, String prefix, UnaryOperator<GatewayConfig> settings) {
        String topic = newTopic(kafka, prefix);
        return start(kafka, topic, settings.apply(config(kafka, topic)));
    }

    public static TestGateway start(KafkaTestClient kafka, String topic, GatewayConfig config) {
        return new TestGateway(kafka, topic, IngestGateway.start(config));
    }

    public IngestGateway gateway() {
        return gateway;
    }

    public String url(String path) {
        return gateway.url() + path;
    }

    /** {@code text} in UTF-8, gzip-compressed, as SDKs that compress send their bodies. */
    public static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a JSON body; {@code headers} are name/value pairs. */
    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean hasType = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            hasType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!hasType) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    public HttpResponse<String> postBytes(String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> request(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        return request("GET", path, headers);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Records of this gateway's topic, read until {@code condition} holds. */
    public List<ConsumerRecord<String, String>> records(Predicate<List<ConsumerRecord<String, String>>> condition) {
        return kafka.consumeUntil(topic, condition, Duration.ofSeconds(60));
    }

    /** Reads the topic until a record with this messageId is there, and returns its JSON. */
    public JsonNode recordWithMessageId(String messageId) {
        List<ConsumerRecord<String, String>> all = records(list -> list.stream()
                .anyMatch(r -> messageId.equals(json(r.value()).path("messageId").asText())));
        return all.stream().map(r -> json(r.value()))
                .filter(node -> messageId.equals(node.path("messageId").asText()))
                .findFirst().orElseThrow();
    }

    /** Every record of the topic up to now: waits until the topic holds {@code expected} records. */
    public List<JsonNode> allRecords(int expected) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> record : kafka.consumeAtLeast(topic, expected)) {
            out.add(json(record.value()));
        }
        return out;
    }

    /** Every record the topic holds now (its end offsets say how many), as JSON. */
    public List<JsonNode> storedRecords() {
        return allRecords((int) recordCount());
    }

    /** How many records the topic holds now (end offsets; every acknowledged record counts). */
    public long recordCount() {
        java.util.Map<String, Object> config = java.util.Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                org.apache.kafka.clients.consumer.ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class,
                org.apache.kafka.clients.consumer.ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(config)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
