package dev.footfall.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * A real OpenSearch 2.19 node running in this JVM, answering HTTP on 127.0.0.1: a single-node
 * cluster with the Netty HTTP transport, reindex (delete-by-query, update-by-query) and the
 * mapper extras ({@code scaled_float}, {@code rank_feature}, ...).
 *
 * <pre>{@code
 * try (EmbeddedOpenSearch search = EmbeddedOpenSearch.builder().build().start()) {
 *     httpClient.send(HttpRequest.newBuilder(URI.create(search.httpUrl() + "/_cat/indices")).build(), ofString());
 * }
 * }</pre>
 *
 * <p>The node's threads are daemons: a program whose only work is this node must keep its JVM
 * alive itself (and close the node in a shutdown hook). {@link #stop()} closes the node and
 * {@link #start()} brings up a new one on the same HTTP port and data; {@link #close()} stops it for
 * good and deletes its directory unless the caller supplied it.
 */
public final class EmbeddedOpenSearch extends EmbeddedService<EmbeddedOpenSearch> {

    private static final Logger LOG = LogManager.getLogger(EmbeddedOpenSearch.class);

    private static final List<Class<? extends Plugin>> PLUGINS =
            List.of(Netty4Plugin.class, ReindexPlugin.class, MapperExtrasPlugin.class);
    private static final String NODE_NAME = "footfall-embedded";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    static {
        // Netty lets the processor count be set once per JVM; a restarted node (or anything else
        // that touched Netty first) would otherwise fail with "availableProcessors is already set".
        if (System.getProperty("opensearch.set.netty.runtime.available.processors") == null) {
            System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        }
    }

    private final int requestedHttpPort;
    private final String clusterName;
    private final Map<String, String> extraSettings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    // Read back after the first start and kept, so a restart answers where clients expect it.
    private int httpPort;
    private Node node;

    private EmbeddedOpenSearch(Builder builder) {
        super("Embedded OpenSearch", builder.directory == null
                ? DataDirectory.temporary("footfall-opensearch-")
                : DataDirectory.persistent(builder.directory));
        this.requestedHttpPort = builder.httpPort;
        this.clusterName = builder.clusterName;
        this.extraSettings = Map.copyOf(builder.settings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the node; it answers once the cluster health, asked over HTTP, is at least yellow. */
    @Override
    void startServer() {
        int portToBind = httpPort != 0 ? httpPort : requestedHttpPort;
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                nodeSettings(portToBind), Map.of(), null, () -> NODE_NAME);
        Node starting = new PluginConfigurableNode(environment, PLUGINS);
        try {
            starting.start();
            node = starting;
            httpPort = boundHttpPort(starting);
            awaitYellowOverHttp();
        } catch (NodeValidationException | RuntimeException e) {
            node = null;
            closeQuietly(starting);
            throw new EmbeddedServiceException("Embedded OpenSearch failed to start (HTTP port "
                    + (portToBind == 0 ? "free" : portToBind) + ", data " + directory + "): " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}; stays valid while the node is stopped, since a restart reuses it. */
    public synchronized String httpUrl() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + httpPort();
    }

    public synchronized int httpPort() {
        if (httpPort == 0) {
            throw new IllegalStateException("Embedded OpenSearch has not been started yet");
        }
        return httpPort;
    }

    public Path directory() {
        return directory.path();
    }

    @Override
    String address() {
        return httpUrl();
    }

    @Override
    public synchronized boolean isRunning() {
        return node != null;
    }

    /** Closes the node and waits for its threads; a start brings up a new one on the same port and data. */
    @Override
    void stopServer() {
        Node stopping = node;
        node = null;
        try {
            stopping.close();
            if (!stopping.awaitClose(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Embedded OpenSearch threads still running {} after close", STOP_TIMEOUT);
            }
        } catch (IOException e) {
            throw new EmbeddedServiceException("Embedded OpenSearch failed to stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while stopping OpenSearch", e);
        }
    }

    private Settings nodeSettings(int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("path.home", directory.resolve("home").toString());
        settings.put("path.data", directory.resolve("data").toString());
        settings.put("path.logs", directory.resolve("logs").toString());
        settings.put("cluster.name", clusterName);
        settings.put("node.name", NODE_NAME);
        settings.put("discovery.type", "single-node");
        settings.put("network.host", LoopbackPorts.LOOPBACK);
        settings.put("http.port", String.valueOf(port));
        settings.put("transport.port", "0");
        // A laptop or CI disk past 85% full would otherwise leave every new shard unassigned.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        // Measure what requests hold, not the whole heap: the node shares its JVM with tests, Flink, Kafka.
        settings.put("indices.breaker.total.use_real_memory", "false");
        settings.putAll(extraSettings);
        return Settings.builder().putProperties(settings, key -> key).build();
    }

    private static int boundHttpPort(Node running) {
        return running.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
    }

    private void awaitYellowOverHttp() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        URI health = URI.create(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=10s");
        String lastAnswer = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                // 408: not yellow within the request's own timeout; ask again.
                lastAnswer = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                lastAnswer = e.toString();
                pauseBeforeRetry();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedServiceException("Interrupted while waiting for OpenSearch health", e);
            }
        }
        throw new EmbeddedServiceException("OpenSearch at " + httpUrl() + " was not yellow within "
                + READY_TIMEOUT + "; last answer: " + lastAnswer);
    }

    /** The HTTP port is bound before start() returns, so this is a rare path; it must not spin. */
    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while waiting for OpenSearch health", e);
        }
    }

    private static void closeQuietly(Node failed) {
        try {
            failed.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing an OpenSearch node that failed to start also failed", e);
        }
    }

    /** Node's public constructor only loads plugins from disk; this one takes classpath plugin classes. */
    private static final class PluginConfigurableNode extends Node {
        PluginConfigurableNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }

        /**
         * The listener only feeds node and cluster ids to OpenSearch's own log pattern, which we
         * do not use, and it can be set once per JVM: a restarted node would log a failure.
         */
        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
        }
    }

    /**
     * Configures an {@link EmbeddedOpenSearch}. Defaults: a free HTTP port, a temporary directory,
     * cluster name {@code footfall-embedded}.
     */
    public static final class Builder {
        private int httpPort;
        private Path directory;
        private String clusterName = "footfall-embedded";
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** The HTTP port on 127.0.0.1; 0 (the default) lets the node pick a free one at the first start. */
        public Builder httpPort(int httpPort) {
            this.httpPort = LoopbackPorts.checkPort(httpPort);
            return this;
        }

        /**
         * Keeps the node's data, logs and home in this directory across closes and JVMs. Without
         * it they live in a temporary directory deleted on close.
         */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder clusterName(String clusterName) {
            if (Objects.requireNonNull(clusterName, "clusterName").isBlank()) {
                throw new IllegalArgumentException("clusterName must not be blank");
            }
            this.clusterName = clusterName;
            return this;
        }

        /** Adds or overrides one node setting, applied after the embedded defaults. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        public EmbeddedOpenSearch build() {
            return new EmbeddedOpenSearch(this);
        }
    }
}
