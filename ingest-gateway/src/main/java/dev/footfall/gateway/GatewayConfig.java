package dev.footfall.gateway;

import dev.footfall.config.LayeredConfig;
import dev.footfall.config.sites.Sites;
import dev.footfall.gateway.privacy.Cidr;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway's settings. Every key and its default live in one reference file
 * ({@value #REFERENCE}); a config file, environment variables and system properties override
 * them, in that order ({@link LayeredConfig}, shared with the other components). Values are
 * checked when the config is built, so a typo fails at start-up with a message naming the key and
 * its environment variable, not at the first request.
 *
 * <pre>{@code
 * GatewayConfig config = GatewayConfig.load();                    // production: file, env, -D
 * GatewayConfig test = GatewayConfig.reference()                  // tests and the launcher
 *         .with("http.host", "127.0.0.1").with("http.port", "0")
 *         .with("kafka.bootstrap", broker.bootstrapServers())
 *         .withSites(Sites.parse(json));
 * }</pre>
 */
public final class GatewayConfig {

    public static final String REFERENCE = "dev/footfall/gateway/reference.properties";
    /** Keys under this prefix go to the Kafka producer as they are (config file and -D only). */
    public static final String PRODUCER_PREFIX = "kafka.producer.";

    private static final LayeredConfig.Source SOURCE =
            LayeredConfig.source(GatewayConfig.class, REFERENCE).passThrough(PRODUCER_PREFIX);
    /** Environment variable naming an optional properties file layered over the reference. */
    public static final String CONFIG_FILE_ENV = SOURCE.configFileEnv();
    public static final String CONFIG_FILE_PROPERTY = SOURCE.configFileProperty();

    private final LayeredConfig config;
    private final Sites sites;

    private GatewayConfig(LayeredConfig config, Sites sites) {
        this.config = config;
        this.sites = sites != null ? sites : loadSites(config.get("sites.file"));
        validate();
    }

    /** The reference defaults, the config file, the process environment and system properties. */
    public static GatewayConfig load() {
        return load(System.getenv(), System.getProperties());
    }

    /** The same layers from a given environment and system properties (the local launcher, tests). */
    public static GatewayConfig load(Map<String, String> env, Properties systemProperties) {
        return new GatewayConfig(SOURCE.load(env, systemProperties), null);
    }

    /** Only the reference defaults: the starting point for tests and the local launcher. */
    public static GatewayConfig reference() {
        return new GatewayConfig(SOURCE.reference(), null);
    }

    /** A copy with one key changed; unknown keys are refused so typos cannot pass silently. */
    public GatewayConfig with(String key, String value) {
        // Changing the sites file means reading it; otherwise keep the sites already loaded.
        return new GatewayConfig(config.with(key, value), key.equals("sites.file") ? null : sites);
    }

    /** A copy with several keys changed at once (checked together, so their order does not matter). */
    public GatewayConfig with(Map<String, String> changes) {
        return new GatewayConfig(config.with(changes), changes.containsKey("sites.file") ? null : sites);
    }

    /** A copy whose sites come from the caller instead of {@code sites.file}. */
    public GatewayConfig withSites(Sites newSites) {
        return new GatewayConfig(config, newSites);
    }

    /** The environment variable that overrides a key: {@code http.port -> FOOTFALL_HTTP_PORT}. */
    public static String envName(String key) {
        return LayeredConfig.envName(key);
    }

    public String get(String key) {
        return config.get(key);
    }

    /** Every resolved key and value. */
    public Map<String, String> asMap() {
        return config.asMap();
    }

    public String httpHost() {
        return config.text("http.host");
    }

    public int httpPort() {
        return config.intIn("http.port", 0, 65535);
    }

    public Duration httpIdleTimeout() {
        return Duration.ofMillis(config.intIn("http.idle.timeout.ms", 1, Integer.MAX_VALUE));
    }

    /** The longest a request line and headers may take to arrive, from their first byte. */
    public Duration httpRequestHeadTimeout() {
        return Duration.ofMillis(config.intIn("http.request.head.timeout.ms", 10, Integer.MAX_VALUE));
    }

    /** The longest a whole request, head and body, may take to arrive, from its first byte. */
    public Duration httpRequestTimeout() {
        return Duration.ofMillis(config.intIn("http.request.timeout.ms", 10, Integer.MAX_VALUE));
    }

    public int httpMaxThreads() {
        return config.intIn("http.threads.max", 8, 10_000);
    }

    public List<Cidr> trustedProxies() {
        List<Cidr> out = new ArrayList<>();
        for (String part : get("trusted.proxies").split(",")) {
            if (!part.isBlank()) {
                try {
                    out.add(Cidr.parse(part.trim()));
                } catch (IllegalArgumentException e) {
                    throw invalid("trusted.proxies", e.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * The path under which the ingest routes and the tracker script are served ({@code /stats}:
     * {@code /stats/v1/batch}, {@code /stats/footfall.js}); empty for the root. Checked as a path
     * a proxy passes on unchanged: segments of letters, digits and {@code - _ .}, no dot segments.
     */
    public String httpPathPrefix() {
        String prefix = get("http.path.prefix");
        if (prefix.isEmpty()) {
            return prefix;
        }
        if (!prefix.matches("(/[A-Za-z0-9_.-]+)+") || prefix.matches(".*/\\.{1,2}(/.*)?")) {
            throw invalid("http.path.prefix", "must be empty or a path such as /stats (segments of letters, digits, "
                    + "'-', '_' and '.', no trailing slash, no '.' or '..' segment), got '" + prefix + "'");
        }
        return prefix;
    }

    /** Another name the tracker script answers to beside footfall.js (e.g. {@code p.js}); empty for none. */
    public String trackerAlias() {
        String alias = get("tracker.alias");
        if (!alias.isEmpty() && (!alias.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.js") || alias.equals("footfall.js"))) {
            throw invalid("tracker.alias", "must be empty or a script file name other than footfall.js, "
                    + "such as p.js (letters, digits, '-', '_' and '.', ending in .js), got '" + alias + "'");
        }
        return alias;
    }

    public Duration corsMaxAge() {
        return Duration.ofSeconds(config.intIn("cors.max.age.seconds", 0, Integer.MAX_VALUE));
    }

    /** The directory served at {@code /}, or null when none is configured. */
    public Path staticDir() {
        return config.optionalPath("static.dir");
    }

    public Duration trackerCacheAge() {
        return Duration.ofSeconds(config.intIn("tracker.cache.seconds", 0, Integer.MAX_VALUE));
    }

    public String trackerResource() {
        return config.text("tracker.resource");
    }

    public Sites sites() {
        return sites;
    }

    public int maxRequestBytes() {
        return config.intIn("limits.max.request.bytes", 32 * 1024, 64 * 1024 * 1024);
    }

    public double addressRatePerSecond() {
        return config.nonNegativeDouble("rate.address.per.second");
    }

    public double addressBurst() {
        return config.nonNegativeDouble("rate.address.burst");
    }

    public double writeKeyRatePerSecond() {
        return config.nonNegativeDouble("rate.writekey.per.second");
    }

    public double writeKeyBurst() {
        return config.nonNegativeDouble("rate.writekey.burst");
    }

    /** The salt directory, or null to keep salts in memory only (ids change on restart). */
    public Path saltDir() {
        return config.optionalPath("salt.dir");
    }

    public String kafkaBootstrap() {
        return config.text("kafka.bootstrap");
    }

    public String rawTopic() {
        return config.text("raw.topic");
    }

    public Duration kafkaDeadline() {
        return Duration.ofMillis(config.intIn("kafka.deadline.ms", 1, Integer.MAX_VALUE));
    }

    public int kafkaRetryAfterSeconds() {
        return config.intIn("kafka.retry.after.seconds", 1, 3600);
    }

    public long kafkaMaxInflightBytes() {
        return config.intIn("kafka.max.inflight.bytes", 1024 * 1024, Integer.MAX_VALUE);
    }

    public String kafkaCompression() {
        String value = config.text("kafka.compression");
        // lz4 is left out: the build excludes lz4-java from kafka-clients (Flink brings its own).
        if (!List.of("none", "gzip", "snappy", "zstd").contains(value)) {
            throw invalid("kafka.compression", "must be one of none, gzip, snappy, zstd");
        }
        return value;
    }

    public int kafkaLingerMs() {
        return config.intIn("kafka.linger.ms", 0, 60_000);
    }

    public int kafkaBatchBytes() {
        return config.intIn("kafka.batch.bytes", 1024, 64 * 1024 * 1024);
    }

    public int kafkaMaxBlockMs() {
        return config.intIn("kafka.max.block.ms", 0, 60_000);
    }

    public int kafkaRequestTimeoutMs() {
        return config.intIn("kafka.request.timeout.ms", 1000, Integer.MAX_VALUE);
    }

    public int kafkaDeliveryTimeoutMs() {
        return config.intIn("kafka.delivery.timeout.ms", 1000, Integer.MAX_VALUE);
    }

    /** Extra producer settings given as {@code kafka.producer.<name>} in a config file or -D. */
    public Map<String, String> producerOverrides() {
        return config.under(PRODUCER_PREFIX);
    }

    private void validate() {
        httpHost();
        httpPort();
        httpIdleTimeout();
        httpRequestHeadTimeout();
        httpRequestTimeout();
        if (httpRequestTimeout().compareTo(httpRequestHeadTimeout()) < 0) {
            throw invalid("http.request.timeout.ms", "must be at least http.request.head.timeout.ms");
        }
        httpMaxThreads();
        trustedProxies();
        httpPathPrefix();
        trackerAlias();
        corsMaxAge();
        trackerCacheAge();
        trackerResource();
        maxRequestBytes();
        addressRatePerSecond();
        addressBurst();
        writeKeyRatePerSecond();
        writeKeyBurst();
        kafkaBootstrap();
        rawTopic();
        kafkaDeadline();
        kafkaRetryAfterSeconds();
        kafkaMaxInflightBytes();
        kafkaCompression();
        kafkaLingerMs();
        kafkaBatchBytes();
        kafkaMaxBlockMs();
        if (kafkaDeliveryTimeoutMs() < kafkaRequestTimeoutMs() + kafkaLingerMs()) {
            throw invalid("kafka.delivery.timeout.ms", "must be at least kafka.request.timeout.ms + kafka.linger.ms");
        }
        // Past the delivery timeout the producer has reported every record's fate, so a request
        // still unanswered at the deadline was not stored: that is what makes a 503 safe to retry.
        if (kafkaDeadline().toMillis() <= kafkaDeliveryTimeoutMs()) {
            throw invalid("kafka.deadline.ms", "must be greater than kafka.delivery.timeout.ms (environment "
                    + envName("kafka.delivery.timeout.ms") + "), so the producer reports every record's fate "
                    + "before a request gets 503; got " + kafkaDeadline().toMillis() + " <= " + kafkaDeliveryTimeoutMs());
        }
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return LayeredConfig.invalid(key, problem);
    }

    private static Sites loadSites(String file) {
        if (file == null || file.isBlank()) {
            return Sites.none();
        }
        try {
            return Sites.load(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw invalid("sites.file", e.getMessage());
        }
    }
}
