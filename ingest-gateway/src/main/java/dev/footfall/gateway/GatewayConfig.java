package dev.footfall.gateway;

import dev.footfall.gateway.privacy.Cidr;
import dev.footfall.gateway.sites.Sites;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The gateway's settings. Every key and its default live in one reference file
 * ({@value #REFERENCE}); a config file, environment variables and system properties override
 * them, in that order. Values are checked when the config is built, so a typo fails at start-up
 * with a message naming the key and its environment variable, not at the first request.
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
    /** Environment variable naming an optional properties file layered over the reference. */
    public static final String CONFIG_FILE_ENV = "FOOTFALL_CONFIG_FILE";
    public static final String CONFIG_FILE_PROPERTY = "footfall.config.file";
    /** Keys under this prefix go to the Kafka producer as they are (config file and -D only). */
    public static final String PRODUCER_PREFIX = "kafka.producer.";

    private static final String ENV_PREFIX = "FOOTFALL_";
    private static final String PROPERTY_PREFIX = "footfall.";

    private final Map<String, String> values;
    private final Sites sites;

    private GatewayConfig(Map<String, String> values, Sites sites) {
        this.values = Collections.unmodifiableMap(values);
        this.sites = sites != null ? sites : loadSites(values.get("sites.file"));
        validate();
    }

    /** The reference defaults, the config file, the process environment and system properties. */
    public static GatewayConfig load() {
        return load(System.getenv(), System.getProperties());
    }

    static GatewayConfig load(Map<String, String> env, Properties systemProperties) {
        Map<String, String> values = referenceValues();
        String file = systemProperties.getProperty(CONFIG_FILE_PROPERTY, env.get(CONFIG_FILE_ENV));
        if (file != null && !file.isBlank()) {
            overlay(values, readFile(Path.of(file)), "config file " + file);
        }
        for (String key : List.copyOf(values.keySet())) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv.trim());
            }
        }
        for (String name : systemProperties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && !name.equals(CONFIG_FILE_PROPERTY)) {
                String key = name.substring(PROPERTY_PREFIX.length());
                requireKnown(values, key, "system property " + name);
                values.put(key, systemProperties.getProperty(name).trim());
            }
        }
        return new GatewayConfig(values, null);
    }

    /** Only the reference defaults: the starting point for tests and the local launcher. */
    public static GatewayConfig reference() {
        return new GatewayConfig(referenceValues(), null);
    }

    /** A copy with one key changed; unknown keys are refused so typos cannot pass silently. */
    public GatewayConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        requireKnown(copy, key, "with(" + key + ")");
        copy.put(key, value);
        // Changing the sites file means reading it; otherwise keep the sites already loaded.
        return new GatewayConfig(copy, key.equals("sites.file") ? null : sites);
    }

    /** A copy with several keys changed at once (checked together, so their order does not matter). */
    public GatewayConfig with(Map<String, String> changes) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        changes.forEach((key, value) -> {
            requireKnown(copy, key, "with(" + key + ")");
            copy.put(key, value);
        });
        return new GatewayConfig(copy, changes.containsKey("sites.file") ? null : sites);
    }

    /** A copy whose sites come from the caller instead of {@code sites.file}. */
    public GatewayConfig withSites(Sites newSites) {
        return new GatewayConfig(new LinkedHashMap<>(values), newSites);
    }

    /** The environment variable that overrides a key: {@code http.port -> FOOTFALL_HTTP_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        return value;
    }

    /** Every resolved key and value. */
    public Map<String, String> asMap() {
        return values;
    }

    public String httpHost() {
        return text("http.host");
    }

    public int httpPort() {
        return intIn("http.port", 0, 65535);
    }

    public Duration httpIdleTimeout() {
        return Duration.ofMillis(intIn("http.idle.timeout.ms", 1, Integer.MAX_VALUE));
    }

    /** The longest a request line and headers may take to arrive, from their first byte. */
    public Duration httpRequestHeadTimeout() {
        return Duration.ofMillis(intIn("http.request.head.timeout.ms", 10, Integer.MAX_VALUE));
    }

    /** The longest a whole request, head and body, may take to arrive, from its first byte. */
    public Duration httpRequestTimeout() {
        return Duration.ofMillis(intIn("http.request.timeout.ms", 10, Integer.MAX_VALUE));
    }

    public int httpMaxThreads() {
        return intIn("http.threads.max", 8, 10_000);
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

    public Duration corsMaxAge() {
        return Duration.ofSeconds(intIn("cors.max.age.seconds", 0, Integer.MAX_VALUE));
    }

    /** The directory served at {@code /}, or null when none is configured. */
    public Path staticDir() {
        String dir = get("static.dir");
        return dir.isBlank() ? null : Path.of(dir);
    }

    public Duration trackerCacheAge() {
        return Duration.ofSeconds(intIn("tracker.cache.seconds", 0, Integer.MAX_VALUE));
    }

    public String trackerResource() {
        return text("tracker.resource");
    }

    public Sites sites() {
        return sites;
    }

    public int maxRequestBytes() {
        return intIn("limits.max.request.bytes", 32 * 1024, 64 * 1024 * 1024);
    }

    public double addressRatePerSecond() {
        return nonNegativeDouble("rate.address.per.second");
    }

    public double addressBurst() {
        return nonNegativeDouble("rate.address.burst");
    }

    public double writeKeyRatePerSecond() {
        return nonNegativeDouble("rate.writekey.per.second");
    }

    public double writeKeyBurst() {
        return nonNegativeDouble("rate.writekey.burst");
    }

    /** The salt directory, or null to keep salts in memory only (ids change on restart). */
    public Path saltDir() {
        String dir = get("salt.dir");
        return dir.isBlank() ? null : Path.of(dir);
    }

    public String kafkaBootstrap() {
        return text("kafka.bootstrap");
    }

    public String rawTopic() {
        return text("raw.topic");
    }

    public Duration kafkaDeadline() {
        return Duration.ofMillis(intIn("kafka.deadline.ms", 1, Integer.MAX_VALUE));
    }

    public int kafkaRetryAfterSeconds() {
        return intIn("kafka.retry.after.seconds", 1, 3600);
    }

    public long kafkaMaxInflightBytes() {
        return intIn("kafka.max.inflight.bytes", 1024 * 1024, Integer.MAX_VALUE);
    }

    public String kafkaCompression() {
        String value = text("kafka.compression");
        // lz4 is left out: the build excludes lz4-java from kafka-clients (Flink brings its own).
        if (!List.of("none", "gzip", "snappy", "zstd").contains(value)) {
            throw invalid("kafka.compression", "must be one of none, gzip, snappy, zstd");
        }
        return value;
    }

    public int kafkaLingerMs() {
        return intIn("kafka.linger.ms", 0, 60_000);
    }

    public int kafkaBatchBytes() {
        return intIn("kafka.batch.bytes", 1024, 64 * 1024 * 1024);
    }

    public int kafkaMaxBlockMs() {
        return intIn("kafka.max.block.ms", 0, 60_000);
    }

    public int kafkaRequestTimeoutMs() {
        return intIn("kafka.request.timeout.ms", 1000, Integer.MAX_VALUE);
    }

    public int kafkaDeliveryTimeoutMs() {
        return intIn("kafka.delivery.timeout.ms", 1000, Integer.MAX_VALUE);
    }

    /** Extra producer settings given as {@code kafka.producer.<name>} in a config file or -D. */
    public Map<String, String> producerOverrides() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(PRODUCER_PREFIX)) {
                out.put(key.substring(PRODUCER_PREFIX.length()), value);
            }
        });
        return out;
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
    }

    private String text(String key) {
        String value = get(key);
        if (value.isBlank()) {
            throw invalid(key, "must not be empty");
        }
        return value;
    }

    private int intIn(String key, int min, int max) {
        String value = get(key);
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw invalid(key, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    private double nonNegativeDouble(String key) {
        String value = get(key);
        double parsed;
        try {
            parsed = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a number, got '" + value + "'");
        }
        if (!(parsed >= 0) || Double.isInfinite(parsed)) {
            throw invalid(key, "must be a finite number >= 0, got " + value);
        }
        return parsed;
    }

    private static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(
                "configuration key '" + key + "' (environment " + envName(key) + ") " + problem);
    }

    private static void requireKnown(Map<String, String> values, String key, String where) {
        if (!values.containsKey(key) && !key.startsWith(PRODUCER_PREFIX)) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "' in " + where
                    + "; the keys are listed in " + REFERENCE);
        }
    }

    private static void overlay(Map<String, String> values, Properties layer, String where) {
        for (String key : layer.stringPropertyNames()) {
            requireKnown(values, key, where);
            values.put(key, layer.getProperty(key).trim());
        }
    }

    private static Map<String, String> referenceValues() {
        Properties reference = new Properties();
        try (InputStream in = GatewayConfig.class.getClassLoader().getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + REFERENCE);
            }
            reference.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + REFERENCE, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        reference.stringPropertyNames().stream().sorted()
                .forEach(key -> values.put(key, reference.getProperty(key).trim()));
        return values;
    }

    private static Properties readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        return properties;
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
