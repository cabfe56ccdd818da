package dev.footfall.local.stack;

import dev.footfall.config.sites.Sites;
import dev.footfall.dashboards.opensearch.DailyIndexRetention;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.dashboards.opensearch.RetentionSettings;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.gateway.GatewayConfig;
import dev.footfall.gateway.IngestGateway;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.job.JobSettings;
import dev.footfall.job.sink.OpenSearchConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: embedded Kafka (KRaft), an OpenSearch node, templates and
 * retention, the Flink job on a MiniCluster, the gateway serving the tracker and a demo site, and
 * the console (Stats API and dashboard login).
 * Started in dependency order, each waited on; stopped in reverse, the job with a savepoint.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);
    public static final String RAW_TOPIC = "footfall.raw";
    public static final String INVALID_TOPIC = "footfall.invalid";

    private final LocalSettings settings;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private EmbeddedKafka kafka;
    private EmbeddedOpenSearch openSearch;
    private LocalFlink flink;
    private IngestGateway gateway;
    private LocalSites.Resolved sites;
    private LocalConsole.Started console;
    private String consoleLoginLink;
    private GatewayConfig gatewayConfig;

    private LocalStack(LocalSettings settings) {
        // Port 0 means "any free port"; the site's allowed origin and the printed URLs need the
        // real one before anything starts, so it is chosen here.
        this.settings = settings.withPorts(
                settings.httpPort() == 0 ? LoopbackPorts.freePort() : settings.httpPort(),
                settings.kafkaPort(),
                settings.openSearchPort(),
                settings.flinkUiPort() == 0 ? LoopbackPorts.freePort() : settings.flinkUiPort(),
                settings.consolePort());
    }

    /**
     * Starts everything; on any failure what was started is stopped again before the error
     * propagates.
     *
     * @param progress receives one line per step, for the console
     */
    public static LocalStack start(LocalSettings settings, Consumer<String> progress) throws Exception {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll(progress);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> progress) throws Exception {
        Path data = settings.dataDir().toAbsolutePath();
        long t0 = System.nanoTime();

        progress.accept("Starting Kafka (KRaft) on port " + settings.kafkaPort() + " ...");
        kafka = EmbeddedKafka.builder()
                .port(settings.kafkaPort())
                .dataDirectory(data.resolve("kafka"))
                .throwInsteadOfExiting(false)
                .build()
                .start();
        running.push(kafka);
        kafka.createTopics(settings.rawPartitions(), RAW_TOPIC);
        kafka.createTopics(1, INVALID_TOPIC);
        new DefinitionsTopic(kafka.bootstrapServers(), DefinitionsTopic.DEFAULT_TOPIC).ensureExists();

        progress.accept("Starting OpenSearch on port " + settings.openSearchPort() + " ...");
        openSearch = EmbeddedOpenSearch.builder()
                .httpPort(settings.openSearchPort())
                .directory(data.resolve("opensearch"))
                .clusterName("footfall-local")
                .build()
                .start();
        running.push(openSearch);

        progress.accept("Applying index templates and retention ...");
        RestClient openSearchClient = new RestClient(Endpoint.of("OpenSearch", openSearch.httpUrl()));
        OpenSearchSetup.Report setup = OpenSearchSetup.apply(openSearchClient, OpenSearchSetup.Settings.defaults());
        setup.lines().forEach(line -> LOG.info("setup: {}", line));
        // The embedded node has no ISM plugin: the launcher enforces the same retention itself.
        DailyIndexRetention retention =
                new DailyIndexRetention(openSearchClient, RetentionSettings.defaults(), Clock.systemUTC());
        running.push(retention.runEvery(Duration.ofHours(1)));

        progress.accept("Starting the Flink job (web UI on port " + settings.flinkUiPort() + ") ...");
        JobSettings.Builder job = settings.job().toBuilder()
                .kafkaBootstrap(kafka.bootstrapServers())
                .rawTopic(RAW_TOPIC)
                .invalidTopic(INVALID_TOPIC)
                .openSearch(OpenSearchConnection.of(openSearch.httpUrl()));
        flink = LocalFlink.start(job, data.resolve("flink"), settings.bindHost(), settings.flinkUiPort(),
                settings.flink());
        running.push(flink);
        flink.restoredFrom().ifPresent(p -> progress.accept("  resumed from " + p));

        progress.accept("Starting the gateway on port " + settings.httpPort() + " ...");
        sites = LocalSites.resolve(settings);
        Path site = DemoSite.install(data.resolve("site"), sites.siteId(), sites.writeKey(), trackerPath(settings.gateway()));
        gatewayConfig = gatewayConfig(settings.gateway(), site, data, progress);
        gateway = IngestGateway.start(gatewayConfig);
        running.push(gateway);

        progress.accept("Starting the console on port " + settings.consolePort() + " ...");
        console = LocalConsole.start(settings, sites.file(), openSearch.httpUrl(), kafka.bootstrapServers());
        running.push(console.server());
        consoleLoginLink = console.server().newLoginLink();
        LOG.info("Local stack started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The gateway's settings as the user layered them (config file, {@code FOOTFALL_*} variables,
     * {@code -Dfootfall.*}), as in production, and over them what the launcher wires itself: the
     * address and port, the embedded broker and topic, the sites file. The demo site and the
     * salts in the data directory are defaults of the launcher's, for a user who set neither.
     */
    private GatewayConfig gatewayConfig(GatewayConfig layered, Path demoSite, Path data, Consumer<String> progress) {
        GatewayConfig reference = GatewayConfig.reference();
        Map<String, String> launcher = new LinkedHashMap<>();
        if (layered.get("static.dir").equals(reference.get("static.dir"))) {
            launcher.put("static.dir", demoSite.toString());
        }
        if (layered.get("salt.dir").equals(reference.get("salt.dir"))) {
            launcher.put("salt.dir", data.resolve("salts").toString());
        }
        launcher.put("http.host", settings.bindHost());
        launcher.put("http.port", Integer.toString(settings.httpPort()));
        launcher.put("kafka.bootstrap", kafka.bootstrapServers());
        launcher.put("raw.topic", RAW_TOPIC);
        launcher.put("sites.file", sites.file().toAbsolutePath().toString());
        // Say which of the user's settings apply: only reference keys, whose values are not secret
        // (kafka.producer.* may carry passwords and is not listed).
        List<String> chosen = new ArrayList<>();
        reference.asMap().forEach((key, value) -> {
            if (!launcher.containsKey(key) && !layered.get(key).equals(value)) {
                chosen.add(key + "=" + layered.get(key));
            }
        });
        if (!chosen.isEmpty()) {
            progress.accept("  gateway settings: " + String.join(", ", chosen));
        }
        return layered.with(launcher).withSites(Sites.load(sites.file()));
    }

    public String gatewayUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** Where the ingest routes are: the gateway's URL and its path prefix, if one is set. */
    public String ingestUrl() {
        return gatewayUrl() + gatewayConfig.httpPathPrefix();
    }

    /** The tracker script's URL: under the path prefix, by its alias if it has one. */
    public String trackerUrl() {
        return gatewayUrl() + trackerPath(gatewayConfig);
    }

    private static String trackerPath(GatewayConfig config) {
        return config.httpPathPrefix() + "/" + (config.trackerAlias().isEmpty() ? "footfall.js" : config.trackerAlias());
    }

    public String openSearchUrl() {
        return openSearch.httpUrl();
    }

    public String flinkUiUrl() {
        return "http://localhost:" + settings.flinkUiPort();
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String siteId() {
        return sites.siteId();
    }

    public String writeKey() {
        return sites.writeKey();
    }

    /** The console's URL (the Stats API and the dashboard). */
    public String consoleUrl() {
        return console.server().url();
    }

    /** A one-time login link for the console, made at start-up. */
    public String consoleLoginLink() {
        return consoleLoginLink;
    }

    /** How long the login link stays valid, for the printed hint. */
    public String consoleLoginLinkTtl() {
        return console.server().loginLinkTtl().toMinutes() + " minutes";
    }

    /** The local Stats API key (all local sites). */
    public String apiKey() {
        return console.apiKey();
    }

    public LocalSettings settings() {
        return settings;
    }

    public String flinkJobId() {
        return flink.jobId();
    }

    /** The job's status as Flink reports it: {@code RUNNING} once started, until something fails. */
    public String flinkJobStatus() throws Exception {
        return flink.status().name();
    }

    /** Stops everything in reverse order: no new events first, then the job with a savepoint. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
