package dev.footfall.job;

import dev.footfall.config.Durations;
import dev.footfall.config.LayeredConfig;
import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.job.sink.OpenSearchSinks.BulkSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Every parameter of the job, declared once in the table below: its flag ({@code --session-gap 30m}
 * or {@code --session-gap=30m}), its environment variable (derived: {@code FOOTFALL_SESSION_GAP}),
 * its type, its default and its meaning. A flag wins over a variable, a variable over the default.
 * {@link #usage()}, {@link #fromArgs}, {@link #toString()} and equality all walk the table.
 *
 * <p>The table is made of Flink {@link ConfigOption}s rather than picocli annotations: the job
 * already has Flink on its classpath (picocli would be one more jar in the job jar), an option is a
 * typed constant with its default that code can name ({@code settings.get(JobSettings.SESSION_GAP)}),
 * and a typed constant cannot drift from a builder field as an annotated field could. Durations
 * are parsed by the one grammar of every component ({@link Durations}), not by Flink's.
 *
 * <p>Build one in code with {@link #builder()}:
 *
 * <pre>{@code
 * JobSettings settings = JobSettings.builder()
 *         .kafkaBootstrap("127.0.0.1:9092")
 *         .openSearch(OpenSearchConnection.of("http://127.0.0.1:9200"))
 *         .set(JobSettings.SESSION_GAP, Duration.ofMinutes(30))
 *         .build();
 * }</pre>
 */
public final class JobSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Heap state for local runs; RocksDB (incremental checkpoints) for large state in production. */
    public enum StateBackend {
        HASHMAP,
        ROCKSDB;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    // Filled by the declarations below, in their order (help lists them so).
    private static final List<ConfigOption<?>> OPTIONS = new ArrayList<>();
    private static final Map<String, Parser> PARSERS = new HashMap<>();
    private static final Map<String, String> DEFAULT_TEXT = new HashMap<>();
    private static final Map<String, String> MEANINGS = new HashMap<>();
    /** Never printed: settings get logged. */
    private static final Set<String> SECRETS = Set.of("opensearch-password");

    // --- the table -----------------------------------------------------------------------------
    public static final ConfigOption<String> KAFKA_BOOTSTRAP =
            text("kafka-bootstrap", "localhost:9092", "Kafka bootstrap servers");
    public static final ConfigOption<String> RAW_TOPIC =
            text("raw-topic", "footfall.raw", "topic the gateway writes events to");
    public static final ConfigOption<String> INVALID_TOPIC =
            text("invalid-topic", "footfall.invalid", "dead-letter topic for invalid records");
    public static final ConfigOption<String> DEFINITIONS_TOPIC = text("definitions-topic", "footfall.definitions",
            "compacted topic of goal and funnel definitions (docs/funnels.md)");
    public static final ConfigOption<String> CONSUMER_GROUP = text("consumer-group", "footfall-job",
            "Kafka consumer group (offsets are committed on checkpoints, for monitoring)");
    public static final ConfigOption<String> OPENSEARCH_URL =
            text("opensearch-url", "http://localhost:9200", "OpenSearch base URL(s), comma-separated");
    public static final ConfigOption<String> OPENSEARCH_USER =
            text("opensearch-user", null, "OpenSearch basic-auth user (security plugin)");
    public static final ConfigOption<String> OPENSEARCH_PASSWORD = text("opensearch-password", null,
            "OpenSearch basic-auth password (a job argument shows in Flink's web UI: prefer the variable or a file)");
    public static final ConfigOption<String> OPENSEARCH_PASSWORD_FILE = text("opensearch-password-file", null,
            "file holding the OpenSearch password, read by each sink where it runs (and again on every restart)");
    public static final ConfigOption<String> OPENSEARCH_CA_CERT = text("opensearch-ca-cert", null,
            "PEM file of the CA that signed OpenSearch's certificate (default: the JDK's trust store)");
    public static final ConfigOption<Boolean> OPENSEARCH_TRUST_SELF_SIGNED = bool("opensearch-trust-self-signed", "false",
            "accept a self-signed TLS certificate (the docker-compose demo certificate); disables certificate checks");
    public static final ConfigOption<Duration> SESSION_GAP =
            duration("session-gap", "30m", "inactivity that ends a session");
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            duration("out-of-orderness", "30s", "how far events may arrive out of order before they count as late");
    public static final ConfigOption<Duration> SOURCE_IDLENESS =
            duration("source-idleness", "30s", "a partition without events this long stops holding back event time");
    public static final ConfigOption<Duration> CLOCK_AFTER_QUIET = duration("clock-after-quiet", "5m",
            "a partition without events this long lets event time follow the clock, so sessions close and windows "
                    + "finish while a site is quiet (0s: never)");
    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            duration("allowed-lateness", "1h", "how long rollup windows (and closed sessions) accept late events");
    public static final ConfigOption<Duration> DEDUP_TTL =
            duration("dedup-ttl", "24h", "how long a message id is remembered for deduplication");
    public static final ConfigOption<Duration> UPDATE_INTERVAL =
            duration("update-interval", "1s", "how often changed sessions and rollups are rewritten");
    public static final ConfigOption<String> GEOIP_DB =
            text("geoip-db", null, "MaxMind-format GeoIP database (optional)");
    public static final ConfigOption<StateBackend> STATE_BACKEND =
            choice("state-backend", StateBackend.class, StateBackend.HASHMAP, "hashmap or rocksdb");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            duration("checkpoint-interval", "10s", "time between checkpoints");
    public static final ConfigOption<String> CHECKPOINT_DIR = text("checkpoint-dir", null,
            "durable checkpoint directory (file:// or s3://); when unset, the cluster's, else a local temporary "
                    + "directory that only works on one machine");
    public static final ConfigOption<Integer> PARALLELISM =
            integer("parallelism", null, "job parallelism (the environment's default when unset)");
    public static final ConfigOption<Integer> BULK_MAX_ACTIONS =
            integer("bulk-max-actions", "2000", "OpenSearch bulk: most actions per request");
    public static final ConfigOption<Integer> BULK_MAX_SIZE_MB =
            integer("bulk-max-size-mb", "5", "OpenSearch bulk: largest request in MB");
    public static final ConfigOption<Duration> BULK_FLUSH_INTERVAL =
            duration("bulk-flush-interval", "500ms", "OpenSearch bulk: longest wait before sending");
    public static final ConfigOption<Integer> BULK_RETRIES =
            integer("bulk-retries", "8", "OpenSearch bulk: retries with exponential back-off when overloaded");
    public static final ConfigOption<Duration> BULK_RETRY_DELAY =
            duration("bulk-retry-delay", "200ms", "OpenSearch bulk: first back-off delay");
    // ---------------------------------------------------------------------------------------------

    /** Only the values set explicitly, by option key; every other option has its default. */
    private final Map<String, Object> values;

    private JobSettings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        validate();
    }

    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder holding these settings, to derive changed ones. */
    public Builder toBuilder() {
        return new Builder(values);
    }

    /** An option's value: the one set, else its default (null for an unset option without one). */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        if (values.containsKey(option.key())) {
            return (T) values.get(option.key());
        }
        return option.hasDefaultValue() ? option.defaultValue() : null;
    }

    /** Every option, in the order of the table. */
    public static List<ConfigOption<?>> options() {
        return Collections.unmodifiableList(OPTIONS);
    }

    /** {@code --session-gap}. */
    public static String flag(ConfigOption<?> option) {
        return "--" + option.key();
    }

    /** {@code FOOTFALL_SESSION_GAP}: the same mapping as every component's settings. */
    public static String envName(ConfigOption<?> option) {
        return LayeredConfig.envName(option.key());
    }

    /**
     * Reads the settings from command-line flags, then environment variables, then defaults.
     *
     * @throws IllegalArgumentException naming the flag or variable that is wrong
     */
    public static JobSettings fromArgs(String[] args, Map<String, String> environment) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigOption<?> o : OPTIONS) {
            String value = environment.get(envName(o));
            if (value != null && !value.isBlank()) {
                values.put(o.key(), parse(o, value.strip()));
            }
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
            ConfigOption<?> option = byFlag(name);
            if (value == null) {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = rest.remove(0);
            }
            values.put(option.key(), parse(option, value.strip()));
        }
        return new JobSettings(values);
    }

    private static ConfigOption<?> byFlag(String flag) {
        for (ConfigOption<?> o : OPTIONS) {
            if (o.key().equals(flag)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown flag --" + flag + "\n" + usage());
    }

    /**
     * The options set explicitly (by a flag, a variable or the builder) as flags, in the table's
     * order: what a client hands to a job that runs elsewhere ({@code ./footfall submit}). Secrets
     * are left out: a job argument is shown in Flink's web UI, so a secret reaches the job through
     * the cluster's environment or a file ({@link #OPENSEARCH_PASSWORD_FILE}).
     */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>();
        for (ConfigOption<?> option : OPTIONS) {
            Object value = values.get(option.key());
            if (value == null || SECRETS.contains(option.key())) {
                continue;
            }
            args.add(flag(option));
            args.add(value instanceof Duration d ? Durations.format(d)
                    : value instanceof StateBackend b ? b.configName() : value.toString());
        }
        return args;
    }

    /** Whether the option is a secret: never printed, never handed on as an argument. */
    public static boolean isSecret(ConfigOption<?> option) {
        return SECRETS.contains(option.key());
    }

    /** Every flag and variable with its default and meaning. */
    public static String usage() {
        StringBuilder out = new StringBuilder("Footfall job parameters (flag, environment variable, default):\n");
        for (ConfigOption<?> o : OPTIONS) {
            String defaultText = DEFAULT_TEXT.get(o.key());
            out.append(String.format("  --%-30s %-40s %-22s %s%n", o.key(), envName(o),
                    defaultText == null ? "(unset)" : defaultText, MEANINGS.get(o.key())));
        }
        return out.toString();
    }

    // --- accessors for the job's code (each reads the table) ----------------------------------------

    public String kafkaBootstrap() {
        return get(KAFKA_BOOTSTRAP);
    }

    public String rawTopic() {
        return get(RAW_TOPIC);
    }

    public String invalidTopic() {
        return get(INVALID_TOPIC);
    }

    public String definitionsTopic() {
        return get(DEFINITIONS_TOPIC);
    }

    public String consumerGroup() {
        return get(CONSUMER_GROUP);
    }

    /** The OpenSearch URLs, credentials and certificate trust together. */
    public OpenSearchConnection openSearch() {
        List<String> urls = new ArrayList<>();
        for (String url : Objects.requireNonNullElse(get(OPENSEARCH_URL), "").split(",")) {
            if (!url.isBlank()) {
                urls.add(url.strip());
            }
        }
        return new OpenSearchConnection(urls, get(OPENSEARCH_USER), get(OPENSEARCH_PASSWORD),
                get(OPENSEARCH_PASSWORD_FILE), get(OPENSEARCH_CA_CERT), get(OPENSEARCH_TRUST_SELF_SIGNED));
    }

    public Duration sessionGap() {
        return get(SESSION_GAP);
    }

    public Duration outOfOrderness() {
        return get(OUT_OF_ORDERNESS);
    }

    public Duration sourceIdleness() {
        return get(SOURCE_IDLENESS);
    }

    public Duration clockAfterQuiet() {
        return get(CLOCK_AFTER_QUIET);
    }

    public Duration allowedLateness() {
        return get(ALLOWED_LATENESS);
    }

    public Duration dedupTtl() {
        return get(DEDUP_TTL);
    }

    public Duration updateInterval() {
        return get(UPDATE_INTERVAL);
    }

    public String geoIpDatabase() {
        return get(GEOIP_DB);
    }

    public StateBackend stateBackend() {
        return get(STATE_BACKEND);
    }

    public Duration checkpointInterval() {
        return get(CHECKPOINT_INTERVAL);
    }

    public String checkpointDir() {
        return get(CHECKPOINT_DIR);
    }

    public Integer parallelism() {
        return get(PARALLELISM);
    }

    /** The OpenSearch bulk settings together. */
    public BulkSettings bulk() {
        return new BulkSettings(get(BULK_MAX_ACTIONS), get(BULK_MAX_SIZE_MB), get(BULK_FLUSH_INTERVAL),
                get(BULK_RETRIES), get(BULK_RETRY_DELAY));
    }

    // -------------------------------------------------------------------------------------------------

    private void validate() {
        requireNonNull(KAFKA_BOOTSTRAP);
        requireName(RAW_TOPIC);
        requireName(INVALID_TOPIC);
        requireName(DEFINITIONS_TOPIC);
        requireName(CONSUMER_GROUP);
        openSearch();
        requirePositive(SESSION_GAP);
        requireNotNegative(OUT_OF_ORDERNESS);
        requirePositive(SOURCE_IDLENESS);
        requireNotNegative(CLOCK_AFTER_QUIET);
        requireNotNegative(ALLOWED_LATENESS);
        requirePositive(DEDUP_TTL);
        requirePositive(UPDATE_INTERVAL);
        requireNonNull(STATE_BACKEND);
        requirePositive(CHECKPOINT_INTERVAL);
        if (parallelism() != null && parallelism() < 1) {
            throw new IllegalArgumentException(named(PARALLELISM) + " must be at least 1, got " + parallelism());
        }
        bulk();
    }

    private void requireNonNull(ConfigOption<?> option) {
        if (get(option) == null) {
            throw new IllegalArgumentException(named(option) + " must be set");
        }
    }

    private void requireName(ConfigOption<String> option) {
        String value = get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(named(option) + " must not be empty");
        }
    }

    private void requirePositive(ConfigOption<Duration> option) {
        Duration value = get(option);
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(named(option) + " must be positive, got " + text(value));
        }
    }

    private void requireNotNegative(ConfigOption<Duration> option) {
        Duration value = get(option);
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(named(option) + " must not be negative, got " + text(value));
        }
    }

    /** {@code the session gap (--session-gap / FOOTFALL_SESSION_GAP)}. */
    private static String named(ConfigOption<?> option) {
        return "the " + option.key().replace('-', ' ') + " (" + flag(option) + " / " + envName(option) + ")";
    }

    private static String text(Duration value) {
        return value == null ? "nothing" : Durations.format(value);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JobSettings other)) {
            return false;
        }
        for (ConfigOption<?> option : OPTIONS) {
            if (!Objects.equals(get(option), other.get(option))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (ConfigOption<?> option : OPTIONS) {
            hash = 31 * hash + Objects.hashCode(get(option));
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("JobSettings{");
        for (ConfigOption<?> option : OPTIONS) {
            Object value = get(option);
            out.append(out.length() > "JobSettings{".length() ? ", " : "").append(option.key()).append('=')
                    .append(SECRETS.contains(option.key()) && value != null ? "***"
                            : value instanceof Duration d ? Durations.format(d) : value);
        }
        return out.append('}').toString();
    }

    /** Starts from every default; {@link #build()} checks the combination. */
    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(Map<String, Object> values) {
            this.values = new LinkedHashMap<>(values);
        }

        /** Sets any option; null unsets one without a default (and fails {@link #build()} for one with). */
        public <T> Builder set(ConfigOption<T> option, T value) {
            values.put(option.key(), value);
            return this;
        }

        public Builder kafkaBootstrap(String value) {
            return set(KAFKA_BOOTSTRAP, Objects.requireNonNull(value, "kafkaBootstrap"));
        }

        public Builder rawTopic(String value) {
            return set(RAW_TOPIC, value);
        }

        public Builder invalidTopic(String value) {
            return set(INVALID_TOPIC, value);
        }

        public Builder definitionsTopic(String value) {
            return set(DEFINITIONS_TOPIC, value);
        }

        public Builder consumerGroup(String value) {
            return set(CONSUMER_GROUP, value);
        }

        public Builder openSearch(OpenSearchConnection value) {
            Objects.requireNonNull(value, "openSearch");
            return set(OPENSEARCH_URL, String.join(",", value.urls())).set(OPENSEARCH_USER, value.username())
                    .set(OPENSEARCH_PASSWORD, value.password()).set(OPENSEARCH_PASSWORD_FILE, value.passwordFile())
                    .set(OPENSEARCH_CA_CERT, value.caCertificate())
                    .set(OPENSEARCH_TRUST_SELF_SIGNED, value.trustSelfSigned());
        }

        public Builder sessionGap(Duration value) {
            return set(SESSION_GAP, value);
        }

        public Builder outOfOrderness(Duration value) {
            return set(OUT_OF_ORDERNESS, value);
        }

        public Builder sourceIdleness(Duration value) {
            return set(SOURCE_IDLENESS, value);
        }

        public Builder clockAfterQuiet(Duration value) {
            return set(CLOCK_AFTER_QUIET, value);
        }

        public Builder allowedLateness(Duration value) {
            return set(ALLOWED_LATENESS, value);
        }

        public Builder dedupTtl(Duration value) {
            return set(DEDUP_TTL, value);
        }

        public Builder updateInterval(Duration value) {
            return set(UPDATE_INTERVAL, value);
        }

        public Builder geoIpDatabase(String value) {
            return set(GEOIP_DB, value == null || value.isBlank() ? null : value);
        }

        public Builder stateBackend(StateBackend value) {
            return set(STATE_BACKEND, Objects.requireNonNull(value, "stateBackend"));
        }

        public Builder checkpointInterval(Duration value) {
            return set(CHECKPOINT_INTERVAL, value);
        }

        public Builder checkpointDir(String value) {
            return set(CHECKPOINT_DIR, value == null || value.isBlank() ? null : value);
        }

        public Builder parallelism(Integer value) {
            return set(PARALLELISM, value);
        }

        public Builder bulk(BulkSettings value) {
            Objects.requireNonNull(value, "bulk");
            return set(BULK_MAX_ACTIONS, value.maxActions()).set(BULK_MAX_SIZE_MB, value.maxSizeMb())
                    .set(BULK_FLUSH_INTERVAL, value.flushInterval()).set(BULK_RETRIES, value.retries())
                    .set(BULK_RETRY_DELAY, value.retryDelay());
        }

        public JobSettings build() {
            return new JobSettings(values);
        }
    }

    // --- how the table is declared: each kind of option with its parser ----------------------------

    /** Turns the text of a flag or variable into the option's value; the message names both. */
    private interface Parser extends Function<String, Object>, Serializable {
    }

    private static Object parse(ConfigOption<?> option, String text) {
        return PARSERS.get(option.key()).apply(text);
    }

    private static <T> ConfigOption<T> declare(ConfigOption<T> undescribed, String meaning, String defaultText,
            Parser parser) {
        ConfigOption<T> option = undescribed.withDescription(meaning);
        OPTIONS.add(option);
        MEANINGS.put(option.key(), meaning);
        PARSERS.put(option.key(), parser);
        if (defaultText != null) {
            DEFAULT_TEXT.put(option.key(), defaultText);
        }
        return option;
    }

    private static String setting(String key) {
        return "--" + key + " / " + LayeredConfig.envName(key);
    }

    private static ConfigOption<String> text(String key, String defaultValue, String meaning) {
        ConfigOptions.TypedConfigOptionBuilder<String> typed = ConfigOptions.key(key).stringType();
        ConfigOption<String> option = defaultValue == null ? typed.noDefaultValue() : typed.defaultValue(defaultValue);
        return declare(option, meaning, defaultValue, text -> text);
    }

    private static ConfigOption<Duration> duration(String key, String defaultText, String meaning) {
        Parser parser = text -> Durations.parse(setting(key), text);
        Duration defaultValue = (Duration) parser.apply(defaultText);
        return declare(ConfigOptions.key(key).durationType().defaultValue(defaultValue), meaning, defaultText, parser);
    }

    private static ConfigOption<Integer> integer(String key, String defaultText, String meaning) {
        Parser parser = text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(setting(key) + ": '" + text + "' is not a whole number");
            }
        };
        ConfigOptions.TypedConfigOptionBuilder<Integer> typed = ConfigOptions.key(key).intType();
        ConfigOption<Integer> option = defaultText == null ? typed.noDefaultValue()
                : typed.defaultValue((Integer) parser.apply(defaultText));
        return declare(option, meaning, defaultText, parser);
    }

    private static ConfigOption<Boolean> bool(String key, String defaultText, String meaning) {
        Parser parser = text -> {
            if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
                return Boolean.parseBoolean(text);
            }
            throw new IllegalArgumentException(setting(key) + ": '" + text + "' must be true or false");
        };
        return declare(ConfigOptions.key(key).booleanType().defaultValue((Boolean) parser.apply(defaultText)), meaning,
                defaultText, parser);
    }

    private static <E extends Enum<E>> ConfigOption<E> choice(String key, Class<E> type, E defaultValue, String meaning) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        Parser parser = text -> {
            try {
                return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting(key) + ": '" + text + "' must be " + String.join(" or ", names));
            }
        };
        return declare(ConfigOptions.key(key).enumType(type).defaultValue(defaultValue), meaning,
                defaultValue.name().toLowerCase(Locale.ROOT), parser);
    }
}
