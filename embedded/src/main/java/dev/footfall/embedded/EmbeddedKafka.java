package dev.footfall.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A real Kafka 3.9 broker in KRaft mode, running in this JVM on 127.0.0.1: one node that is both
 * broker and controller, replication factor 1 everywhere.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = EmbeddedKafka.builder().build().start()) {
 *     kafka.createTopics(3, "events");
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>{@link #stop()} shuts the broker down cleanly and {@link #start()} brings the same broker back
 * on the same port and data, so tests can take Kafka away while traffic flows. {@link #close()}
 * stops it for good and deletes the data directory unless the caller supplied it.
 */
public final class EmbeddedKafka extends EmbeddedService<EmbeddedKafka> {

    private static final Logger LOG = LogManager.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_START_ATTEMPTS = 3;

    private final int requestedPort;
    private final Map<String, String> extraBrokerProperties;
    private final boolean throwInsteadOfExiting;

    // Chosen at the first start and kept, so a restart comes back where clients expect it.
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Builder builder) {
        super("Embedded Kafka", builder.dataDirectory == null
                ? DataDirectory.temporary("footfall-kafka-")
                : DataDirectory.persistent(builder.dataDirectory));
        this.requestedPort = builder.port;
        this.extraBrokerProperties = Map.copyOf(builder.brokerProperties);
        this.throwInsteadOfExiting = builder.throwInsteadOfExiting;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the data directory if it is new, then starts the broker. */
    @Override
    void startServer() {
        if (throwInsteadOfExiting) {
            KafkaExitProcedures.throwInsteadOfExiting();
        }
        boolean firstStart = brokerPort == 0;
        for (int attempt = 1; ; attempt++) {
            if (firstStart) {
                pickPorts();
            }
            try {
                startOnce();
                break;
            } catch (EmbeddedServiceException e) {
                // A port picked a moment ago can be taken before the broker binds it: pick again.
                if (!firstStart || attempt == MAX_START_ATTEMPTS || !causedByBindFailure(e)) {
                    throw e;
                }
                LOG.warn("Embedded Kafka could not bind its ports (attempt {}), picking others: {}", attempt, e.getMessage());
            }
        }
    }

    private void pickPorts() {
        brokerPort = requestedPort == 0 ? LoopbackPorts.freePort() : requestedPort;
        controllerPort = LoopbackPorts.freePort();
    }

    private void startOnce() {
        Path logDir = directory.resolve("kraft-logs");
        KafkaConfig config = new KafkaConfig(brokerProperties(logDir), false);
        formatIfNew(logDir);
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            starting.startup();
            server = starting;
            awaitBrokerAnswers();
        } catch (RuntimeException e) {
            server = null;
            shutDownQuietly(starting);
            throw new EmbeddedServiceException("Embedded Kafka failed to start on " + bootstrapServers()
                    + " with data in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean causedByBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** {@code 127.0.0.1:PORT}; stays valid while the broker is stopped, since a restart reuses it. */
    public synchronized String bootstrapServers() {
        if (brokerPort == 0) {
            throw new IllegalStateException("Embedded Kafka has not been started yet");
        }
        return LoopbackPorts.LOOPBACK + ":" + brokerPort;
    }

    public synchronized int port() {
        bootstrapServers();
        return brokerPort;
    }

    @Override
    String address() {
        return bootstrapServers();
    }

    public Path dataDirectory() {
        return directory.path();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Creates a topic with {@code partitions} partitions, or does nothing if it already exists. */
    public void createTopic(String name, int partitions) {
        createTopics(partitions, name);
    }

    /**
     * Creates each topic with {@code partitions} partitions unless it already exists, and returns
     * once every partition has a leader. An existing topic with another partition count is an
     * error rather than a silent surprise.
     */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one topic");
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(Objects.requireNonNull(name, "topic name"), partitions, (short) 1));
        }
        try (Admin admin = newAdmin()) {
            admin.createTopics(topics).values().forEach((name, future) -> ignoreIfExists(name, future));
            awaitLeaders(admin, Arrays.asList(names), partitions);
        }
    }

    /** Shuts the broker down cleanly. */
    @Override
    void stopServer() {
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
    }

    private Map<String, Object> brokerProperties(Path logDir) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort
                + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic must make do with a single replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        // Consumers join at once instead of waiting 3 s for more members that never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MiB dedupe buffer would dwarf everything else on the heap.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(2 * 1024 * 1024));
        props.putAll(extraBrokerProperties);
        return props;
    }

    /**
     * What {@code kafka-storage.sh format} does, once: a directory that already holds
     * {@code meta.properties} keeps its cluster id and data (Kafka's formatter would insist on the
     * id it was given, even when told to ignore formatted directories).
     */
    private void formatIfNew(Path logDir) {
        if (Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedServiceException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug("Kafka storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
    }

    private void awaitBrokerAnswers() {
        try (Admin admin = newAdmin()) {
            int nodes = admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            if (nodes != 1) {
                throw new EmbeddedServiceException("Embedded Kafka reports " + nodes + " brokers, expected 1");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while waiting for Kafka to answer", e);
        } catch (Exception e) {
            throw new EmbeddedServiceException("Kafka did not answer within " + READY_TIMEOUT, e);
        }
    }

    private static void ignoreIfExists(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new EmbeddedServiceException("Cannot create topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted while creating topic " + topic, e);
        } catch (Exception e) {
            throw new EmbeddedServiceException("Cannot create topic " + topic + ": " + e, e);
        }
    }

    /** Polls until every partition has a leader: creation is acknowledged before that. */
    private static void awaitLeaders(Admin admin, List<String> topics, int partitions) {
        long deadline = System.nanoTime() + TOPIC_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(TOPIC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                boolean ready = true;
                for (TopicDescription description : descriptions.values()) {
                    if (description.partitions().size() != partitions) {
                        throw new EmbeddedServiceException("Topic " + description.name() + " already exists with "
                                + description.partitions().size() + " partitions, not " + partitions);
                    }
                    ready &= description.partitions().stream().map(TopicPartitionInfo::leader).allMatch(Objects::nonNull);
                }
                if (ready) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedServiceException("Interrupted while waiting for topics " + topics, e);
            } catch (ExecutionException | TimeoutException e) {
                // Metadata not propagated yet: ask again until the deadline.
                LOG.debug("Topics {} not described yet: {}", topics, e.toString());
            }
            if (System.nanoTime() > deadline) {
                throw new EmbeddedServiceException("Topics " + topics + " have no leaders after " + TOPIC_TIMEOUT);
            }
            pause(Duration.ofMillis(50));
        }
    }

    private Admin newAdmin() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    private static void shutDownQuietly(KafkaRaftServer failed) {
        try {
            failed.shutdown();
            failed.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Shutting down a Kafka broker that failed to start also failed", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedServiceException("Interrupted", e);
        }
    }

    /**
     * Configures an {@link EmbeddedKafka}. Defaults: a free port, a temporary data directory, and
     * Kafka's exit/halt turned into exceptions.
     */
    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private boolean throwInsteadOfExiting = true;

        private Builder() {
        }

        /** The client port on 127.0.0.1; 0 (the default) picks a free one at the first start. */
        public Builder port(int port) {
            this.port = LoopbackPorts.checkPort(port);
            return this;
        }

        /**
         * Keeps the broker's data in this directory across closes and JVMs (formatted on first
         * use). Without it the data lives in a temporary directory deleted on close.
         */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
            return this;
        }

        /** Adds or overrides one broker property, applied after the embedded defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value of " + key));
            return this;
        }

        public Builder brokerProperties(Map<String, String> properties) {
            properties.forEach(this::brokerProperty);
            return this;
        }

        /**
         * Whether Kafka's {@code Exit.exit/halt} throw instead of ending the JVM (default true).
         * The setting is JVM-wide and, once made, stays.
         */
        public Builder throwInsteadOfExiting(boolean throwInsteadOfExiting) {
            this.throwInsteadOfExiting = throwInsteadOfExiting;
            return this;
        }

        public EmbeddedKafka build() {
            return new EmbeddedKafka(this);
        }
    }
}
