package dev.footfall.job;

import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.job.sink.OpenSearchSinks.BulkSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every parameter of the job, with its default, in one place. Each can be given as a flag
 * ({@code --session-gap 30m} or {@code --session-gap=30m}) or an environment variable
 * ({@code FOOTFALL_SESSION_GAP}); a flag wins. {@link #usage()} lists them all.
 *
 * <p>Build one in code with {@link #builder()}:
 *
 * <pre>{@code
 * JobSettings settings = JobSettings.builder()
 *         .kafkaBootstrap("127.0.0.1:9092")
 *         .openSearch(OpenSearchConnection.of("http://127.0.0.1:9200"))
 *         .sessionGap(Duration.ofMinutes(30))
 *         .build();
 * }</pre>
 */
public record JobSettings(
        String kafkaBootstrap,
        String rawTopic,
        String invalidTopic,
        String consumerGroup,
        OpenSearchConnection openSearch,
        Duration sessionGap,
        Duration outOfOrderness,
        Duration sourceIdleness,
        Duration clockAfterQuiet,
        Duration allowedLateness,
        Duration dedupTtl,
        Duration updateInterval,
        String geoIpDatabase,
        StateBackend stateBackend,
        Duration checkpointInterval,
        String checkpointDir,
        Integer parallelism,
        BulkSettings bulk) implements Serializable {

    /** Heap state for local runs; RocksDB (incremental checkpoints) for large state in production. */
    public enum StateBackend {
        HASHMAP,
        ROCKSDB;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The parameters: flag, environment variable, default (null: none) and meaning. */
    enum Option {
        KAFKA_BOOTSTRAP("kafka-bootstrap", "FOOTFALL_KAFKA_BOOTSTRAP", "localhost:9092", "Kafka bootstrap servers"),
        RAW_TOPIC("raw-topic", "FOOTFALL_RAW_TOPIC", "footfall.raw", "topic the gateway writes events to"),
        INVALID_TOPIC("invalid-topic", "FOOTFALL_INVALID_TOPIC", "footfall.invalid", "dead-letter topic for invalid records"),
        CONSUMER_GROUP("consumer-group", "FOOTFALL_CONSUMER_GROUP", "footfall-job", "Kafka consumer group (offsets are committed on checkpoints, for monitoring)"),
        OPENSEARCH_URL("opensearch-url", "FOOTFALL_OPENSEARCH_URL", "http://localhost:9200", "OpenSearch base URL(s), comma-separated"),
        OPENSEARCH_USER("opensearch-user", "FOOTFALL_OPENSEARCH_USER", null, "OpenSearch basic-auth user (security plugin)"),
        OPENSEARCH_PASSWORD("opensearch-password", "FOOTFALL_OPENSEARCH_PASSWORD", null, "OpenSearch basic-auth password"),
        OPENSEARCH_TRUST_SELF_SIGNED("opensearch-trust-self-signed", "FOOTFALL_OPENSEARCH_TRUST_SELF_SIGNED", "false",
                "accept a self-signed TLS certificate (the docker-compose demo certificate); disables certificate checks"),
        SESSION_GAP("session-gap", "FOOTFALL_SESSION_GAP", "30m", "inactivity that ends a session"),
        OUT_OF_ORDERNESS("out-of-orderness", "FOOTFALL_OUT_OF_ORDERNESS", "30s", "how far events may arrive out of order before they count as late"),
        SOURCE_IDLENESS("source-idleness", "FOOTFALL_SOURCE_IDLENESS", "30s", "a partition without events this long stops holding back event time"),
        CLOCK_AFTER_QUIET("clock-after-quiet", "FOOTFALL_CLOCK_AFTER_QUIET", "5m", "a partition without events this long lets event time follow the clock, so sessions close and windows finish while a site is quiet (0s: never)"),
        ALLOWED_LATENESS("allowed-lateness", "FOOTFALL_ALLOWED_LATENESS", "1h", "how long rollup windows (and closed sessions) accept late events"),
        DEDUP_TTL("dedup-ttl", "FOOTFALL_DEDUP_TTL", "24h", "how long a message id is remembered for deduplication"),
        UPDATE_INTERVAL("update-interval", "FOOTFALL_UPDATE_INTERVAL", "1s", "how often changed sessions and rollups are rewritten"),
        GEOIP_DB("geoip-db", "FOOTFALL_GEOIP_DB", null, "MaxMind-format GeoIP database (optional)"),
        STATE_BACKEND("state-backend", "FOOTFALL_STATE_BACKEND", "hashmap", "hashmap or rocksdb"),
        CHECKPOINT_INTERVAL("checkpoint-interval", "FOOTFALL_CHECKPOINT_INTERVAL", "10s", "time between checkpoints"),
        CHECKPOINT_DIR("checkpoint-dir", "FOOTFALL_CHECKPOINT_DIR", null, "durable checkpoint directory (file:// or s3://); in memory when unset"),
        PARALLELISM("parallelism", "FOOTFALL_PARALLELISM", null, "job parallelism (the environment's default when unset)"),
        BULK_ACTIONS("bulk-max-actions", "FOOTFALL_BULK_MAX_ACTIONS", "2000", "OpenSearch bulk: most actions per request"),
        BULK_SIZE_MB("bulk-max-size-mb", "FOOTFALL_BULK_MAX_SIZE_MB", "5", "OpenSearch bulk: largest request in MB"),
        BULK_INTERVAL("bulk-flush-interval", "FOOTFALL_BULK_FLUSH_INTERVAL", "500ms", "OpenSearch bulk: longest wait before sending"),
        BULK_RETRIES("bulk-retries", "FOOTFALL_BULK_RETRIES", "8", "OpenSearch bulk: retries with exponential back-off when overloaded"),
        BULK_RETRY_DELAY("bulk-retry-delay", "FOOTFALL_BULK_RETRY_DELAY", "200ms", "OpenSearch bulk: first back-off delay");

        final String flag;
        final String env;
        final String defaultValue;
        final String meaning;

        Option(String flag, String env, String defaultValue, String meaning) {
            this.flag = flag;
            this.env = env;
            this.defaultValue = defaultValue;
            this.meaning = meaning;
        }
    }

    public JobSettings {
        Objects.requireNonNull(kafkaBootstrap, "kafkaBootstrap");
        requireName("raw topic", rawTopic);
        requireName("invalid topic", invalidTopic);
        requireName("consumer group", consumerGroup);
        Objects.requireNonNull(openSearch, "openSearch");
        requirePositive("session gap", sessionGap);
        requireNotNegative("out-of-orderness", outOfOrderness);
        requirePositive("source idleness", sourceIdleness);
        requireNotNegative("clock after quiet", clockAfterQuiet);
        requireNotNegative("allowed lateness", allowedLateness);
        requirePositive("dedup TTL", dedupTtl);
        requirePositive("update interval", updateInterval);
        Objects.requireNonNull(stateBackend, "stateBackend");
        requirePositive("checkpoint interval", checkpointInterval);
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        Objects.requireNonNull(bulk, "bulk");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive changed ones. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Reads the settings from command-line flags, then environment variables, then defaults.
     *
     * @throws IllegalArgumentException naming the flag or variable that is wrong
     */
    public static JobSettings fromArgs(String[] args, Map<String, String> environment) {
        Map<Option, String> values = new LinkedHashMap<>();
        for (Option o : Option.values()) {
            String value = environment.get(o.env);
            values.put(o, value != null && !value.isBlank() ? value.strip() : o.defaultValue);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'; flags look like --session-gap 30m");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            Option option = byFlag(name);
            if (value == null) {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = rest.remove(0);
            }
            values.put(option, value.strip());
        }
        return fromValues(values);
    }

    private static Option byFlag(String flag) {
        for (Option o : Option.values()) {
            if (o.flag.equals(flag)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown flag --" + flag + "\n" + usage());
    }

    private static JobSettings fromValues(Map<Option, String> v) {
        List<String> urls = new ArrayList<>();
        for (String url : v.get(Option.OPENSEARCH_URL).split(",")) {
            if (!url.isBlank()) {
                urls.add(url.strip());
            }
        }
        return builder()
                .kafkaBootstrap(v.get(Option.KAFKA_BOOTSTRAP))
                .rawTopic(v.get(Option.RAW_TOPIC))
                .invalidTopic(v.get(Option.INVALID_TOPIC))
                .consumerGroup(v.get(Option.CONSUMER_GROUP))
                .openSearch(new OpenSearchConnection(urls, v.get(Option.OPENSEARCH_USER),
                        v.get(Option.OPENSEARCH_PASSWORD), bool(Option.OPENSEARCH_TRUST_SELF_SIGNED,
                                v.get(Option.OPENSEARCH_TRUST_SELF_SIGNED))))
                .sessionGap(duration(Option.SESSION_GAP, v))
                .outOfOrderness(duration(Option.OUT_OF_ORDERNESS, v))
                .sourceIdleness(duration(Option.SOURCE_IDLENESS, v))
                .clockAfterQuiet(duration(Option.CLOCK_AFTER_QUIET, v))
                .allowedLateness(duration(Option.ALLOWED_LATENESS, v))
                .dedupTtl(duration(Option.DEDUP_TTL, v))
                .updateInterval(duration(Option.UPDATE_INTERVAL, v))
                .geoIpDatabase(v.get(Option.GEOIP_DB))
                .stateBackend(stateBackend(v.get(Option.STATE_BACKEND)))
                .checkpointInterval(duration(Option.CHECKPOINT_INTERVAL, v))
                .checkpointDir(v.get(Option.CHECKPOINT_DIR))
                .parallelism(v.get(Option.PARALLELISM) == null ? null : integer(Option.PARALLELISM, v))
                .bulk(new BulkSettings(integer(Option.BULK_ACTIONS, v), integer(Option.BULK_SIZE_MB, v),
                        duration(Option.BULK_INTERVAL, v), integer(Option.BULK_RETRIES, v),
                        duration(Option.BULK_RETRY_DELAY, v)))
                .build();
    }

    /** Every flag and variable with its default and meaning. */
    public static String usage() {
        StringBuilder out = new StringBuilder("Footfall job parameters (flag, environment variable, default):\n");
        for (Option o : Option.values()) {
            out.append(String.format("  --%-30s %-40s %-22s %s%n", o.flag, o.env,
                    o.defaultValue == null ? "(unset)" : o.defaultValue, o.meaning));
        }
        return out.toString();
    }

    private static Duration duration(Option o, Map<Option, String> v) {
        return Durations.parse("--" + o.flag + " / " + o.env, v.get(o));
    }

    private static int integer(Option o, Map<Option, String> v) {
        try {
            return Integer.parseInt(v.get(o));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + o.flag + " / " + o.env + ": '" + v.get(o) + "' is not a whole number");
        }
    }

    private static boolean bool(Option o, String value) {
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("--" + o.flag + " / " + o.env + ": '" + value + "' must be true or false");
    }

    private static StateBackend stateBackend(String value) {
        try {
            return StateBackend.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--state-backend / FOOTFALL_STATE_BACKEND: '" + value
                    + "' must be hashmap or rocksdb");
        }
    }

    private static void requireName(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
    }

    private static void requirePositive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(String what, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("the " + what + " must not be negative, got " + value);
        }
    }

    @Override
    public String toString() {
        // No password here: settings get logged.
        return "JobSettings{kafka=" + kafkaBootstrap + ", rawTopic=" + rawTopic + ", invalidTopic=" + invalidTopic
                + ", group=" + consumerGroup + ", openSearch=" + openSearch + ", sessionGap=" + sessionGap
                + ", outOfOrderness=" + outOfOrderness + ", idleness=" + sourceIdleness + ", clockAfterQuiet="
                + clockAfterQuiet + ", allowedLateness="
                + allowedLateness + ", dedupTtl=" + dedupTtl + ", updateInterval=" + updateInterval + ", geoIp="
                + geoIpDatabase + ", stateBackend=" + stateBackend.configName() + ", checkpointInterval="
                + checkpointInterval + ", checkpointDir=" + checkpointDir + ", parallelism=" + parallelism
                + ", bulk=" + bulk + "}";
    }

    /** Starts from every default; {@link #build()} checks the combination. */
    public static final class Builder {
        private String kafkaBootstrap = Option.KAFKA_BOOTSTRAP.defaultValue;
        private String rawTopic = Option.RAW_TOPIC.defaultValue;
        private String invalidTopic = Option.INVALID_TOPIC.defaultValue;
        private String consumerGroup = Option.CONSUMER_GROUP.defaultValue;
        private OpenSearchConnection openSearch = OpenSearchConnection.of(Option.OPENSEARCH_URL.defaultValue);
        private Duration sessionGap = Duration.ofMinutes(30);
        private Duration outOfOrderness = Duration.ofSeconds(30);
        private Duration sourceIdleness = Duration.ofSeconds(30);
        private Duration clockAfterQuiet = Duration.ofMinutes(5);
        private Duration allowedLateness = Duration.ofHours(1);
        private Duration dedupTtl = Duration.ofHours(24);
        private Duration updateInterval = Duration.ofSeconds(1);
        private String geoIpDatabase;
        private StateBackend stateBackend = StateBackend.HASHMAP;
        private Duration checkpointInterval = Duration.ofSeconds(10);
        private String checkpointDir;
        private Integer parallelism;
        private BulkSettings bulk = BulkSettings.DEFAULTS;

        private Builder() {
        }

        private Builder(JobSettings s) {
            kafkaBootstrap = s.kafkaBootstrap;
            rawTopic = s.rawTopic;
            invalidTopic = s.invalidTopic;
            consumerGroup = s.consumerGroup;
            openSearch = s.openSearch;
            sessionGap = s.sessionGap;
            outOfOrderness = s.outOfOrderness;
            sourceIdleness = s.sourceIdleness;
            clockAfterQuiet = s.clockAfterQuiet;
            allowedLateness = s.allowedLateness;
            dedupTtl = s.dedupTtl;
            updateInterval = s.updateInterval;
            geoIpDatabase = s.geoIpDatabase;
            stateBackend = s.stateBackend;
            checkpointInterval = s.checkpointInterval;
            checkpointDir = s.checkpointDir;
            parallelism = s.parallelism;
            bulk = s.bulk;
        }

        public Builder kafkaBootstrap(String value) {
            kafkaBootstrap = Objects.requireNonNull(value, "kafkaBootstrap");
            return this;
        }

        public Builder rawTopic(String value) {
            rawTopic = value;
            return this;
        }

        public Builder invalidTopic(String value) {
            invalidTopic = value;
            return this;
        }

        public Builder consumerGroup(String value) {
            consumerGroup = value;
            return this;
        }

        public Builder openSearch(OpenSearchConnection value) {
            openSearch = Objects.requireNonNull(value, "openSearch");
            return this;
        }

        public Builder sessionGap(Duration value) {
            sessionGap = value;
            return this;
        }

        public Builder outOfOrderness(Duration value) {
            outOfOrderness = value;
            return this;
        }

        public Builder clockAfterQuiet(Duration value) {
            clockAfterQuiet = value;
            return this;
        }

        public Builder sourceIdleness(Duration value) {
            sourceIdleness = value;
            return this;
        }

        public Builder allowedLateness(Duration value) {
            allowedLateness = value;
            return this;
        }

        public Builder dedupTtl(Duration value) {
            dedupTtl = value;
            return this;
        }

        public Builder updateInterval(Duration value) {
            updateInterval = value;
            return this;
        }

        public Builder geoIpDatabase(String value) {
            geoIpDatabase = value == null || value.isBlank() ? null : value;
            return this;
        }

        public Builder stateBackend(StateBackend value) {
            stateBackend = Objects.requireNonNull(value, "stateBackend");
            return this;
        }

        public Builder checkpointInterval(Duration value) {
            checkpointInterval = value;
            return this;
        }

        public Builder checkpointDir(String value) {
            checkpointDir = value == null || value.isBlank() ? null : value;
            return this;
        }

        public Builder parallelism(Integer value) {
            parallelism = value;
            return this;
        }

        public Builder bulk(BulkSettings value) {
            bulk = Objects.requireNonNull(value, "bulk");
            return this;
        }

        public JobSettings build() {
            return new JobSettings(kafkaBootstrap, rawTopic, invalidTopic, consumerGroup, openSearch, sessionGap,
                    outOfOrderness, sourceIdleness, clockAfterQuiet, allowedLateness, dedupTtl, updateInterval, geoIpDatabase,
                    stateBackend, checkpointInterval, checkpointDir, parallelism, bulk);
        }
    }
}
