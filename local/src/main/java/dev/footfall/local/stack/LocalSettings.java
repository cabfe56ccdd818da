package dev.footfall.local.stack;

import dev.footfall.gateway.GatewayConfig;
import dev.footfall.job.JobSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Everything {@code ./footfall up} can be told: where data lives and which ports to use. Defaults
 * come from the environment ({@code FOOTFALL_*}), then the fixed defaults below.
 *
 * @param sitesFile a sites file to use instead of the generated one (null: generate {@code local})
 * @param localWriteKey the write key of the generated site (null: random, kept in the data dir)
 * @param localApiKey the Stats API key of the local mode (null: random, kept in the data dir)
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
        int parallelism,
        Duration dedupTtl,
        GatewayConfig gateway) {

    public static final String DEFAULT_SITE = "local";

    public LocalSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(gateway, "gateway");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
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
                Integer.parseInt(env.getOrDefault("FOOTFALL_PARALLELISM", "2")),
                dedupTtl(env),
                GatewayConfig.load(env, gatewayProperties(System.getProperties())));
    }

    /**
     * How long the job remembers message ids: the job's own default (24 h) unless
     * {@code FOOTFALL_DEDUP_TTL} says otherwise, parsed (and refused) exactly as the job parses it.
     * A day of ids costs about 9 GB of state per 1,000 events/s (docs/flink-job.md), more than the
     * launcher's heap holds above a few dozen events a second.
     */
    private static Duration dedupTtl(Map<String, String> env) {
        String value = env.get("FOOTFALL_DEDUP_TTL");
        return JobSettings.fromArgs(new String[0], value == null ? Map.of() : Map.of("FOOTFALL_DEDUP_TTL", value))
                .dedupTtl();
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
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number (0-65535), got '" + value + "'");
        }
    }

    public LocalSettings withPorts(int http, int kafka, int openSearch, int flinkUi, int console) {
        return new LocalSettings(dataDir, bindHost, http, kafka, openSearch, flinkUi, console, sitesFile, localWriteKey,
                localApiKey, parallelism, dedupTtl, gateway);
    }

    public LocalSettings withDataDir(Path dir) {
        return new LocalSettings(dir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, sitesFile,
                localWriteKey, localApiKey, parallelism, dedupTtl, gateway);
    }

    public LocalSettings withLocalWriteKey(String key) {
        return new LocalSettings(dataDir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, sitesFile,
                key, localApiKey, parallelism, dedupTtl, gateway);
    }

    public LocalSettings withLocalApiKey(String key) {
        return new LocalSettings(dataDir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, sitesFile,
                localWriteKey, key, parallelism, dedupTtl, gateway);
    }

    public LocalSettings withSitesFile(Path file) {
        return new LocalSettings(dataDir, bindHost, httpPort, kafkaPort, openSearchPort, flinkUiPort, consolePort, file,
                localWriteKey, localApiKey, parallelism, dedupTtl, gateway);
    }
}
