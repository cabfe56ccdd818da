package dev.footfall.console;

import dev.footfall.config.LayeredConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The console's settings: every key and default in one reference file ({@value #REFERENCE}),
 * layered as every component's are ({@link LayeredConfig}): a properties file named by
 * {@code FOOTFALL_CONSOLE_CONFIG_FILE}, then {@code FOOTFALL_*} environment variables, then
 * {@code -Dfootfall.*} system properties. Every value is checked when the config is built, so a
 * typo fails at start-up with the key and its environment variable named.
 *
 * <pre>{@code
 * ConsoleConfig config = ConsoleConfig.load();                          // production
 * ConsoleConfig test = ConsoleConfig.defaults().with("console.port", "0");
 * }</pre>
 */
public final class ConsoleConfig {

    public static final String REFERENCE = "dev/footfall/console/reference.properties";
    static final LayeredConfig.Source SOURCE =
            LayeredConfig.source(ConsoleConfig.class, REFERENCE).configFileKey("console.config.file");

    private final LayeredConfig values;

    private ConsoleConfig(LayeredConfig values) {
        this.values = values;
        validate();
    }

    /** The reference defaults, the config file, the process environment and system properties. */
    public static ConsoleConfig load() {
        return new ConsoleConfig(SOURCE.load());
    }

    static ConsoleConfig load(Map<String, String> env, Properties systemProperties) {
        return new ConsoleConfig(SOURCE.load(env, systemProperties));
    }

    /** Only the reference defaults: the starting point for tests and the local launcher. */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig(SOURCE.reference());
    }

    /** A copy with one key changed; unknown keys are refused so typos cannot pass silently. */
    public ConsoleConfig with(String key, String value) {
        return new ConsoleConfig(values.with(key, value));
    }

    /** {@code console.port -> FOOTFALL_CONSOLE_PORT}. */
    public static String envName(String key) {
        return LayeredConfig.envName(key);
    }

    /** The variable naming an optional properties file layered over the reference. */
    public static String configFileEnv() {
        return SOURCE.configFileEnv();
    }

    public Map<String, String> asMap() {
        return values.asMap();
    }

    public String host() {
        return values.text("console.host");
    }

    public int port() {
        return values.intIn("console.port", 0, 65535);
    }

    public String password() {
        return values.get("console.password");
    }

    public Duration sessionTtl() {
        return values.duration("console.session.ttl", Duration.ofMinutes(1));
    }

    public Duration loginLinkTtl() {
        return values.duration("console.login.link.ttl", Duration.ofMinutes(1));
    }

    /** The URL printed in login links; null to derive it from the port. */
    public String publicUrl() {
        String url = values.get("console.public.url");
        return url.isBlank() ? null : url;
    }

    public String openSearchUrl() {
        return values.text("opensearch.url");
    }

    public String openSearchUser() {
        return values.get("opensearch.user");
    }

    public String openSearchPassword() {
        return values.get("opensearch.password");
    }

    public boolean openSearchInsecure() {
        return values.bool("opensearch.insecure");
    }

    /** The CA certificate (PEM) OpenSearch's certificate must chain to, or null for the JDK's trust store. */
    public Path openSearchCaCert() {
        return values.optionalPath("opensearch.ca.cert");
    }

    /** The sites file, or null when none is configured. */
    public Path sitesFile() {
        return values.optionalPath("sites.file");
    }

    /** Kafka's bootstrap servers, for the definitions topic; null when the console reads no definitions. */
    public String kafkaBootstrap() {
        String servers = values.get("kafka.bootstrap");
        return servers.isBlank() ? null : servers.trim();
    }

    public String definitionsTopic() {
        return values.text("definitions.topic");
    }

    public Duration definitionsRefresh() {
        return values.duration("definitions.refresh", Duration.ofSeconds(1));
    }

    private void validate() {
        host();
        definitionsTopic();
        definitionsRefresh();
        port();
        sessionTtl();
        loginLinkTtl();
        openSearchInsecure();
        String url = openSearchUrl();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw LayeredConfig.invalid("opensearch.url", "must start with http:// or https://, got '" + url + "'");
        }
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values.asMap());
        shown.replaceAll((k, v) -> k.endsWith("password") && !v.isEmpty() ? "***" : v);
        return "ConsoleConfig" + shown;
    }
}
