package dev.footfall.local.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.local.privacy.RawHttp.Answer;
import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import dev.footfall.testkit.OpenSearchTestClient;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No raw client address is stored anywhere, end to end. The local stack (Kafka, OpenSearch, the
 * Flink job, its gateway) plus a second gateway behind a trusted proxy receive traffic from many
 * client addresses: IPv4 and IPv6 in {@code X-Forwarded-For} (with ports, brackets, expanded and
 * IPv4-mapped spellings, spoofed entries to the left), direct IPv4 peers (any 127.x.y.z reaches
 * loopback), direct IPv6 peers where the machine has them, and the client's own address in
 * {@code context.ip}; every event type, a Segment batch, {@code /api/events}, refused requests,
 * and records the job dead-letters. Then every record of every Kafka topic and every document of
 * every {@code footfall-*} index is searched for each address in each of its textual forms:
 * none may be found, while the truncated networks must be (the scan sees what was written), and
 * every index family must have been scanned.
 */
class RawAddressScanITCase {

    private static final Logger LOG = LoggerFactory.getLogger(RawAddressScanITCase.class);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String SITE = "privacy";
    private static final String WRITE_KEY = "wk_privacy_test";
    private static final String ORIGIN = "https://privacy.test";
    private static final List<String> FAMILIES = List.of("footfall-events-", "footfall-sessions-", "footfall-rollups-",
            "footfall-health-", "footfall-invalid-");
    private static final String[] ROUTES = {"/v1/track", "/v1/page", "/v1/screen", "/v1/identify", "/v1/group",
            "/v1/alias", "/v1/batch", "/api/events"};

    /** Client addresses a trusted proxy reports, each as the header spells it. */
    private static final String[][] FORWARDED = {
        {"198.51.100.23", "198.51.100.23"},
        {"198.51.100.187", "198.51.100.187"}, // the same /24 as the one before
        {"203.0.113.77", "203.0.113.77:50123"}, // with a port
        {"192.0.2.201", "192.0.2.201"},
        {"93.184.216.34", "93.184.216.34"},
        {"151.101.1.69", "6.6.6.6, 151.101.1.69"}, // a spoofed entry to the left
        {"185.199.108.153", "185.199.108.153"},
        {"41.79.5.123", "41.79.5.123"},
        {"192.0.2.33", "::ffff:192.0.2.33"}, // IPv4-mapped
        {"198.51.100.64", "::ffff:c633:6440"}, // IPv4-mapped, in hex
        {"2001:db8:abcd:12::7", "2001:db8:abcd:12::7"},
        {"2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"},
        {"2a00:1450:4001:81c::200e", "[2a00:1450:4001:81c::200e]:443"}, // bracketed, with a port
        {"2606:4700:4700::1111", "2606:4700:4700::1111"},
        {"2001:db8:0:0:1:0:0:1", "2001:0db8:0000:0000:0001:0000:0000:0001"}, // expanded
        {"2001:db8:ffff:ab::42", "2001:DB8:FFFF:AB::42"}, // upper case
    };
    /** Direct IPv4 peers: loopback is all of 127/8. */
    private static final String[] DIRECT_V4 = {"127.13.37.42", "127.200.1.9", "127.0.0.77", "127.99.5.201"};
    /** Addresses only ever sent in bodies ({@code context.ip}) or in headers the gateway must not believe. */
    private static final String[] ONLY_CLAIMED = {"6.6.6.6", "198.18.0.77", "203.0.113.250", "2001:db8:beef:1::99"};

    @TempDir
    Path dataDir;

    private final List<AddressForms> addresses = new ArrayList<>();
    private final Map<String, Integer> requestsByRoute = new TreeMap<>();
    private int acceptedEvents;
    private int sequence;

    @Test
    void shouldStoreNoRawClientAddressAnywhereInKafkaOrOpenSearch() throws Exception {
        Path sitesFile = dataDir.resolve("privacy-sites.json");
        Files.writeString(sitesFile, "{\"sites\":[{\"id\":\"" + SITE + "\",\"writeKeys\":[\"" + WRITE_KEY
                + "\"],\"allowedOrigins\":[\"" + ORIGIN + "\"]}]}");
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of())
                .withDataDir(dataDir.resolve("stack"))
                .withPorts(0, 0, 0, 0, 0)
                .withSitesFile(sitesFile);
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(settings, line -> { });
                IngestGateway behindProxy = IngestGateway.start(proxiedGatewayConfig(stack, sitesFile))) {
            OpenSearchTestClient search = new OpenSearchTestClient(stack.openSearchUrl());
            InetSocketAddress proxied = new InetSocketAddress("127.0.0.1", behindProxy.port());
            InetSocketAddress direct = new InetSocketAddress(URI.create(stack.gatewayUrl()).getHost(),
                    URI.create(stack.gatewayUrl()).getPort());
            InetSocketAddress dualStack = new InetSocketAddress("::1", behindProxy.port());

            for (String[] forwarded : FORWARDED) {
                AddressForms client = track(forwarded[0]);
                for (String route : ROUTES) {
                    send(InetAddress.getByName("127.0.0.1"), proxied, route, Map.of("X-Forwarded-For", forwarded[1]), client);
                }
                sendNearLimitEvent(InetAddress.getByName("127.0.0.1"), proxied, Map.of("X-Forwarded-For", forwarded[1]), client);
                sendRefused(InetAddress.getByName("127.0.0.1"), proxied, Map.of("X-Forwarded-For", forwarded[1]), client);
            }
            for (String peer : DIRECT_V4) {
                AddressForms client = track(peer);
                for (String route : ROUTES) {
                    // The stack's own gateway trusts no proxy: this header is the client's claim, and ignored.
                    send(InetAddress.getByName(peer), direct, route, Map.of("X-Forwarded-For", "203.0.113.250"), client);
                }
                sendNearLimitEvent(InetAddress.getByName(peer), direct, Map.of(), client);
            }
            for (InetAddress peer : ipv6PeersOfThisMachine()) {
                // The second gateway listens on both stacks and trusts only 127/8: an IPv6 peer is the client.
                AddressForms client = track(peer.getHostAddress().replaceAll("%.*$", ""));
                InetSocketAddress target = peer.isLoopbackAddress() ? dualStack
                        : new InetSocketAddress(peer, behindProxy.port());
                for (String route : ROUTES) {
                    send(peer, target, route, Map.of(), client);
                }
                sendNearLimitEvent(peer, target, Map.of(), client);
            }
            for (String claimed : ONLY_CLAIMED) {
                track(claimed);
            }
            int foreign = writeForeignInvalidRecords(stack.kafkaBootstrap());
            assertTheScanWouldSeeEveryForm();
            LOG.info("privacy scan: {} events accepted, {} foreign records dead-lettered, requests by route {}",
                    acceptedEvents, foreign, requestsByRoute);

            awaitDocuments(search, "footfall-events-*", acceptedEvents);
            awaitDocuments(search, "footfall-invalid-*", foreign);
            for (String family : FAMILIES) {
                await(family + " documents").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                        .until(() -> count(search, family + "*"), n -> n > 0);
            }
            // The dead-letter sink flushes on checkpoints: wait until it holds every invalid record.
            await("dead letters").atMost(DEADLINE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> StoredText.kafkaRecords(stack.kafkaBootstrap()).get(LocalStack.INVALID_TOPIC).size(),
                            n -> n >= foreign);

            long scanStarted = System.nanoTime();
            Map<String, List<String>> kafka = StoredText.kafkaRecords(stack.kafkaBootstrap());
            Map<String, List<String>> indices = StoredText.openSearchDocuments(search);
            Scan scan = new Scan();
            kafka.forEach((topic, records) -> scan.search("kafka " + topic, records));
            indices.forEach((index, documents) -> scan.search("index " + index, documents));
            LOG.info("privacy scan: {} addresses in {} forms, {} Kafka records in {}, {} documents in {} in {} ms;"
                    + " truncated networks found {}", addresses.size(),
                    addresses.stream().mapToInt(a -> a.rawForms().size()).sum(),
                    kafka.values().stream().mapToInt(List::size).sum(), sizes(kafka),
                    indices.values().stream().mapToInt(List::size).sum(), sizes(indices),
                    (System.nanoTime() - scanStarted) / 1_000_000, scan.truncatedFound);

            assertThat(scan.rawFound).as("raw client addresses stored (address form -> where)").isEmpty();
            for (String family : FAMILIES) {
                assertThat(indices.entrySet().stream().filter(e -> e.getKey().startsWith(family))
                        .mapToInt(e -> e.getValue().size()).sum()).as("documents scanned in " + family + "*").isPositive();
            }
            assertThat(kafka.get(LocalStack.RAW_TOPIC)).as("raw topic records scanned").isNotEmpty();
            assertThat(kafka.get(LocalStack.INVALID_TOPIC)).as("dead letters scanned").isNotEmpty();
            for (AddressForms address : addresses) {
                if (!List.of(ONLY_CLAIMED).contains(address.literal()) && !address.truncated().equals("::")) {
                    assertThat(scan.truncatedFound.getOrDefault(address.truncated(), List.of()))
                            .as("the truncated network of %s, %s, is in the raw topic (the scan sees what was written)",
                                    address, address.truncated())
                            .contains("kafka " + LocalStack.RAW_TOPIC);
                }
            }
            LOG.info("privacy scan: whole test {} ms", (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Where each raw form and each truncated network was found. */
    private final class Scan {
        final Map<String, List<String>> rawFound = new TreeMap<>();
        final Map<String, List<String>> truncatedFound = new TreeMap<>();

        void search(String where, List<String> texts) {
            for (String original : texts) {
                String text = original.toLowerCase(java.util.Locale.ROOT);
                for (AddressForms address : addresses) {
                    for (String form : address.rawFormsIn(text)) {
                        List<String> places = rawFound.computeIfAbsent(address + " as " + form, k -> new ArrayList<>());
                        if (places.size() < 3) {
                            places.add(where + ": " + text.substring(0, Math.min(text.length(), 400)));
                        }
                    }
                    String truncated = address.truncated();
                    if (!truncated.equals("::") && text.contains(truncated)) {
                        List<String> places = truncatedFound.computeIfAbsent(truncated, k -> new ArrayList<>());
                        if (!places.contains(where)) {
                            places.add(where);
                        }
                    }
                }
            }
        }
    }

    /** The matcher finds every raw form where one is written, and takes no truncated network for one. */
    private void assertTheScanWouldSeeEveryForm() {
        for (AddressForms address : addresses) {
            for (String form : address.rawForms()) {
                for (String written : List.of(form, form.toUpperCase(java.util.Locale.ROOT), "[" + form + "]:443")) {
                    assertThat(address.rawFormsIn(("{\"ip\":\"" + written + "\"}").toLowerCase(java.util.Locale.ROOT)))
                            .as("%s written as %s", address, written).contains(form);
                }
            }
            assertThat(address.rawFormsIn("{\"clientaddress\":\"" + address.truncated() + "\"}"))
                    .as("the truncated network of %s", address).isEmpty();
        }
    }

    // ---- traffic ----------------------------------------------------------------------------------

    private AddressForms track(String literal) {
        AddressForms forms = new AddressForms(literal);
        addresses.add(forms);
        return forms;
    }

    /** One request of a route, valid; the client's own address is in {@code context.ip} half of the time. */
    private void send(InetAddress from, InetSocketAddress gateway, String route, Map<String, String> headers,
            AddressForms client) throws Exception {
        int n = ++sequence;
        String anonymousId = "anon-" + (n % 7) + "-" + client.literal().hashCode();
        String context = "{\"page\":{\"url\":\"https://privacy.test/p" + n + "\",\"path\":\"/p" + n + "\"},"
                + "\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0\""
                + (n % 2 == 0 ? ",\"ip\":\"" + client.literal() + "\"" : "") + "}";
        String common = "\"messageId\":\"pv-" + n + "\",\"anonymousId\":\"" + anonymousId + "\",\"context\":" + context
                + ",\"timestamp\":\"" + Instant.now() + "\"";
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        String body;
        int events = 1;
        switch (route) {
            case "/v1/track" -> body = "{\"writeKey\":\"" + WRITE_KEY + "\",\"event\":\"Clicked\"," + common + "}";
            case "/v1/page", "/v1/screen" -> body = "{\"writeKey\":\"" + WRITE_KEY + "\",\"name\":\"Home\"," + common + "}";
            case "/v1/identify" -> body = "{\"writeKey\":\"" + WRITE_KEY + "\",\"userId\":\"user-" + n
                    + "\",\"traits\":{\"plan\":\"pro\"}," + common + "}";
            case "/v1/group" -> body = "{\"writeKey\":\"" + WRITE_KEY + "\",\"groupId\":\"g-1\"," + common + "}";
            case "/v1/alias" -> body = "{\"writeKey\":\"" + WRITE_KEY + "\",\"userId\":\"user-" + n + "\",\"previousId\":\""
                    + anonymousId + "\"," + common + "}";
            case "/v1/batch" -> {
                // A server SDK: HTTP Basic, a shared context with the client's address.
                all.put("Authorization", basic());
                body = "{\"context\":{\"ip\":\"" + client.literal() + "\"},\"batch\":["
                        + "{\"type\":\"page\",\"name\":\"Docs\",\"messageId\":\"pb-" + n + "-1\",\"anonymousId\":\"" + anonymousId + "\"},"
                        + "{\"type\":\"track\",\"event\":\"Read\",\"messageId\":\"pb-" + n + "-2\",\"anonymousId\":\"" + anonymousId + "\"},"
                        + "{\"type\":\"identify\",\"userId\":\"user-" + n + "\",\"messageId\":\"pb-" + n + "-3\"}]}";
                events = 3;
            }
            case "/api/events" -> {
                all.put("Origin", ORIGIN); // the minimal browser snippet: keyless, by origin
                body = "{\"name\":\"Signed Up\",\"data\":{\"plan\":\"pro\",\"n\":" + n + "}}";
            }
            default -> throw new IllegalArgumentException(route);
        }
        Answer answer = RawHttp.post(from, gateway, route, all, RawHttp.utf8(body));
        assertThat(answer.status()).as("%s from %s: %s", route, client, answer.body()).isEqualTo(200);
        requestsByRoute.merge(route, 1, Integer::sum);
        acceptedEvents += events;
    }

    /**
     * A near-limit event that the User-Agent the gateway copies from the request header takes over
     * the limit. The gateway once acknowledged these and the job then dead-lettered them; it now
     * measures the record it writes and refuses them at the door, so nothing of them is stored.
     */
    private void sendNearLimitEvent(InetAddress from, InetSocketAddress gateway, Map<String, String> headers,
            AddressForms client) throws Exception {
        int n = ++sequence;
        String prefix = "{\"writeKey\":\"" + WRITE_KEY + "\",\"event\":\"Uploaded\",\"messageId\":\"big-" + n
                + "\",\"anonymousId\":\"big-" + n + "\",\"context\":{\"ip\":\"" + client.literal() + "\"},"
                + "\"properties\":{\"blob\":\"";
        String body = prefix + "x".repeat(32_700 - prefix.length()) + "\"}}";
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("User-Agent", "Mozilla/5.0 " + "(compatible; long user agent) ".repeat(100));
        Answer answer = RawHttp.post(from, gateway, "/v1/track", all, RawHttp.utf8(body));
        assertThat(answer.status()).as("a near-limit event from %s: %s", client, answer.body()).isEqualTo(400);
        assertThat(answer.body()).contains("event_too_large");
    }

    /** Requests the gateway refuses: nothing of them may be stored. */
    private void sendRefused(InetAddress from, InetSocketAddress gateway, Map<String, String> headers, AddressForms client)
            throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        String truncatedJson = "{\"writeKey\":\"" + WRITE_KEY + "\",\"event\":\"X\",\"context\":{\"ip\":\"" + client.literal() + "\"";
        assertThat(RawHttp.post(from, gateway, "/v1/track", all, RawHttp.utf8(truncatedJson)).status()).isEqualTo(400);
        String noType = "{\"writeKey\":\"" + WRITE_KEY + "\",\"event\":\"X\",\"anonymousId\":\"a\",\"context\":{\"ip\":\""
                + client.literal() + "\"}}";
        assertThat(RawHttp.post(from, gateway, "/v1/batch", all, RawHttp.utf8("{\"batch\":[" + noType + "]}")).status())
                .isEqualTo(400);
    }

    /**
     * Invalid records from some other writer of the raw topic, carrying truncated networks only as
     * the gateway would: they make sure the dead-letter topic and the invalid index hold documents
     * to scan, whatever the gateway lets through.
     */
    private int writeForeignInvalidRecords(String bootstrap) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        List<String> records = List.of(
                "{\"type\":\"track\",\"messageId\":\"foreign-1\",\"anonymousId\":\"f1\",\"siteId\":\"" + SITE
                        + "\",\"receivedAt\":\"" + Instant.now() + "\",\"clientAddress\":\"198.51.100.0\"}",
                "{\"type\":\"page\",\"messageId\":\"foreign-2\",\"siteId\":\"" + SITE + "\",\"receivedAt\":\"" + Instant.now()
                        + "\",\"clientAddress\":\"2001:db8:abcd::\",\"context\":{\"ip\":\"2001:db8:abcd::\"}}");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String record : records) {
                producer.send(new ProducerRecord<>(LocalStack.RAW_TOPIC, SITE + "/foreign", record)).get();
            }
        }
        return records.size();
    }

    private GatewayConfig proxiedGatewayConfig(LocalStack stack, Path sitesFile) {
        return GatewayConfig.reference()
                .with("http.host", "::")
                .with("http.port", "0")
                .with("kafka.bootstrap", stack.kafkaBootstrap())
                .with("raw.topic", LocalStack.RAW_TOPIC)
                .with("salt.dir", dataDir.resolve("stack").resolve("salts").toString())
                .with("sites.file", sitesFile.toAbsolutePath().toString())
                .with("trusted.proxies", "127.0.0.0/8");
    }

    /** ::1, and the machine's other IPv6 addresses that are not link-local (those need a zone). */
    private static List<InetAddress> ipv6PeersOfThisMachine() throws Exception {
        List<InetAddress> peers = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet6Address && !address.isLinkLocalAddress()) {
                    peers.add(address.isLoopbackAddress() ? InetAddress.getByName("::1") : address);
                }
            }
        }
        return peers;
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
    }

    private static long count(OpenSearchTestClient search, String index) {
        search.refresh(index);
        return search.count(index, "{\"query\":{\"match_all\":{}}}");
    }

    private static void awaitDocuments(OpenSearchTestClient search, String index, long expected) {
        await("documents in " + index).atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .until(() -> count(search, index), n -> n >= expected);
        assertThat(count(search, index)).as("documents in " + index).isEqualTo(expected);
    }

    private static Map<String, Integer> sizes(Map<String, List<String>> byName) {
        Map<String, Integer> out = new TreeMap<>();
        byName.forEach((name, texts) -> out.put(name, texts.size()));
        return out;
    }
}
