package dev.footfall.local.stack;

import dev.footfall.gateway.GatewayConfig;
import dev.footfall.job.JobSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Everything {@code ./footfall up} can be told: where data lives, which ports to use, and the
 * settings of the components it runs. Defaults come from the environment ({@code FOOTFALL_*}),
 * then the fixed defaults below and the components' own reference settings.
 *
 * @param sitesFile a sites file to use instead of the generated one (null: generate {@code local})
 * @param localWriteKey the write key of the generated site (null: random, kept in the data dir)
 * @param localApiKey the Stats API key of the local mode (null: random, kept in the data dir)
 * @param rawPartitions partitions of the raw topic when it is created ({@code FOOTFALL_RAW_PARTITIONS}):
 *     a parallelism above it leaves source subtasks without a partition
 * @param job the job's settings from its own table ({@code FOOTFALL_SESSION_GAP}, {@code FOOTFALL_DEDUP_TTL},
 *     {@code FOOTFALL_PARALLELISM}, ...), parallelism 2 unless set; the launcher then sets what it wires
 *     itself: the broker, topics, OpenSearch and the checkpoint directory ({@link LocalStack})
 * @param flink extra Flink configuration for the MiniCluster and the job, over the job's own
 *     ({@code FOOTFALL_FLINK_PROPERTIES}: one {@code key: value} a line, as docker-compose's
 *     {@code FLINK_PROPERTIES})
 * @param gateway the gateway's own settings, layered as in production (its reference file, the file
 *     named by {@code FOOTFALL_CONFIG_FILE}, {@code FOOTFALL_*} variables, {@code -Dfootfall.*}
 *     properties); the launcher then sets what it wires itself ({@link LocalStack})
 */
public record LocalSettings(
        Path dataDir,
        String bindHost,
        int httpPort,
        int kafkaPort,
        int openSearchPort,
        int flinkUiPort,
        int consolePort,
        Path sitesFile,
        String localWriteKey,
        String localApiKey,
        int rawPartitions,
        JobSettings job,
        Map<String, String> flink,
        GatewayConfig gateway) {

    public static final String DEFAULT_SITE = "local";

    public LocalSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(gateway, "gateway");
        flink = Map.copyOf(flink);
    }

    /**
     * The defaults, with {@code FOOTFALL_*} environment overrides. The gateway's settings are read
     * (and checked, so a bad value stops the launcher naming its variable) from the same
     * environment and this JVM's system properties.
     */
    public static LocalSettings fromEnvironment(Map<String, String> env) {
        return new LocalSettings(
                Path.of(env.getOrDefault("FOOTFALL_DATA_DIR", ".footfall")),
                env.getOrDefault("FOOTFALL_BIND_HOST", "127.0.0.1"),
                port(env, "FOOTFALL_HTTP_PORT", 8080),
                port(env, "FOOTFALL_KAFKA_PORT", 9092),
                port(env, "FOOTFALL_OPENSEARCH_PORT", 9200),
                port(env, "FOOTFALL_FLINK_UI_PORT", 8081),
                port(env, "FOOTFALL_CONSOLE_PORT", 8082),
                env.containsKey("FOOTFALL_SITES_FILE") ? Path.of(env.get("FOOTFALL_SITES_FILE")) : null,
                env.get("FOOTFALL_LOCAL_WRITE_KEY"),
                env.get("FOOTFALL_LOCAL_API_KEY"),
                integer(env, "FOOTFALL_RAW_PARTITIONS", 4, 1, 10_000, "a partition count (1-10000)"),
                job(env),
                flinkProperties(env.getOrDefault("FOOTFALL_FLINK_PROPERTIES", "")),
                GatewayConfig.load(env, gatewayProperties(System.getProperties())));
    }

    /**
     * The job's settings, read (and refused, naming the variable) exactly as the job reads them.
     * The dedup TTL keeps the job's default of 24 h: a day of ids costs about 9 GB of state per
     * 1,000 events/s (docs/flink-job.md), more than the launcher's heap holds above a few dozen
     * events a second, so a busy local stack sets {@code FOOTFALL_DEDUP_TTL}.
     */
    private static JobSettings job(Map<String, String> env) {
        JobSettings job = JobSettings.fromArgs(new String[0], env);
        return job.parallelism() == null ? job.toBuilder().parallelism(2).build() : job;
    }

    /** {@code key: value} lines, as Flink's own configuration file and docker-compose write them. */
    static Map<String, String> flinkProperties(String text) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException(
                        "FOOTFALL_FLINK_PROPERTIES holds 'key: value' lines, got '" + line.strip() + "'");
            }
            properties.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return properties;
    }

    /** The job's parallelism (2 unless {@code FOOTFALL_PARALLELISM} says otherwise). */
    public int parallelism() {
        return job.parallelism();
    }

    /** How long the job remembers message ids ({@code FOOTFALL_DEDUP_TTL}). */
    public Duration dedupTtl() {
        return job.dedupTtl();
    }

    /**
     * The {@code -Dfootfall.*} properties that are the gateway's: in production every one is (and
     * an unknown one is refused, a typo), but the launcher's JVM also hosts other components
     * (the console's {@code footfall.console.*}) and, in tests, the test kit's
     * ({@code footfall.chromium}), which the gateway must not take for typos. Like an unknown
     * {@code FOOTFALL_*} variable, they are passed over.
     */
    static Properties gatewayProperties(Properties system) {
        Set<String> keys = GatewayConfig.reference().asMap().keySet();
        Properties gateway = new Properties();
        for (String name : system.stringPropertyNames()) {
            String key = name.startsWith("footfall.") ? name.substring("footfall.".length()) : null;
            if (key != null && (keys.contains(key) || key.startsWith(GatewayConfig.PRODUCER_PREFIX)
                    || name.equals(GatewayConfig.CONFIG_FILE_PROPERTY))) {
                gateway.setProperty(name, system.getProperty(name));
            }
        }
        return gateway;
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return integer(env, name, fallback, 0, 65535, "a port number (0-65535)");
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + what + ", got '" + value + "'");
        }
    }

    public LocalSettings withPorts(int http, int kafka, int openSearch, int flinkUi, int console) {
        return new LocalSettings(dataDir, bindHost, http, kafka, openSearch, flinkUi, console, sitesFile, localWriteKey,
                localApiKey, rawPartitions, job, flink, gateway);
    }

    public LocalSettings withDataDir(Path dir) {
        return new LocalSettings(dir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, sitesFile,
                localWriteKey, localApiKey, rawPartitions, job, flink, gateway);
    }

    public LocalSettings withLocalWriteKey(String key) {
        return new LocalSettings(dataDir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, sitesFile,
                key, localApiKey, rawPartitions, job, flink, gateway);
    }

    public LocalSettings withLocalApiKey(String key) {
        return new LocalSettings(dataDir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, sitesFile,
                localWriteKey, key, rawPartitions, job, flink, gateway);
    }

    public LocalSettings withSitesFile(Path file) {
        return new LocalSettings(dataDir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, file,
                localWriteKey, localApiKey, rawPartitions, job, flink, gateway);
    }
}
