package dev.footfall.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The console's settings: every key and default in one reference file ({@value #REFERENCE}),
 * overridden by {@code FOOTFALL_*} environment variables and {@code -Dfootfall.*} system
 * properties. Values are checked when the config is built, so a typo fails at start-up with the
 * key and its environment variable named.
 */
public final class ConsoleConfig {

    public static final String REFERENCE = "dev/footfall/console/reference.properties";
    private static final String ENV_PREFIX = "FOOTFALL_";
    private static final String PROPERTY_PREFIX = "footfall.";

    private final Map<String, String> values;

    private ConsoleConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        validate();
    }

    /** The reference defaults, the process environment and system properties. */
    public static ConsoleConfig load() {
        return load(System.getenv(), System.getProperties());
    }

    static ConsoleConfig load(Map<String, String> env, Properties systemProperties) {
        Map<String, String> values = reference();
        for (String key : values.keySet()) {
            String fromEnv = env.get(envName(key));
            if (fromEnv != null) {
                values.put(key, fromEnv.trim());
            }
            String fromProperty = systemProperties.getProperty(PROPERTY_PREFIX + key);
            if (fromProperty != null) {
                values.put(key, fromProperty.trim());
            }
        }
        return new ConsoleConfig(values);
    }

    /** Only the reference defaults: the starting point for tests and the local launcher. */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig(reference());
    }

    /** A copy with one key changed; unknown keys are refused so typos cannot pass silently. */
    public ConsoleConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        if (!copy.containsKey(key)) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        copy.put(key, value);
        return new ConsoleConfig(copy);
    }

    /** {@code console.port -> FOOTFALL_CONSOLE_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Map<String, String> asMap() {
        return values;
    }

    public String host() {
        return text("console.host");
    }

    public int port() {
        return intIn("console.port", 0, 65535);
    }

    public String password() {
        return values.get("console.password");
    }

    public Duration sessionTtl() {
        return duration("console.session.ttl");
    }

    public Duration loginLinkTtl() {
        return duration("console.login.link.ttl");
    }

    /** The URL printed in login links; null to derive it from the port. */
    public String publicUrl() {
        String url = values.get("console.public.url");
        return url.isBlank() ? null : url;
    }

    public String openSearchUrl() {
        return text("opensearch.url");
    }

    public String openSearchUser() {
        return values.get("opensearch.user");
    }

    public String openSearchPassword() {
        return values.get("opensearch.password");
    }

    public boolean openSearchInsecure() {
        String v = text("opensearch.insecure");
        if (!v.equals("true") && !v.equals("false")) {
            throw invalid("opensearch.insecure", "must be true or false");
        }
        return Boolean.parseBoolean(v);
    }

    /** The sites file, or null when none is configured. */
    public Path sitesFile() {
        String file = values.get("sites.file");
        return file.isBlank() ? null : Path.of(file);
    }

    private void validate() {
        host();
        port();
        sessionTtl();
        loginLinkTtl();
        openSearchUrl();
        openSearchInsecure();
        String url = openSearchUrl();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw invalid("opensearch.url", "must start with http:// or https://");
        }
    }

    private String text(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw invalid(key, "must not be empty");
        }
        return value;
    }

    private int intIn(String key, int min, int max) {
        try {
            int value = Integer.parseInt(text(key));
            if (value < min || value > max) {
                throw invalid(key, "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw invalid(key, "must be a whole number");
        }
    }

    private Duration duration(String key) {
        String v = text(key).toLowerCase(Locale.ROOT);
        try {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            Duration d = switch (v.charAt(v.length() - 1)) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
            if (d.isNegative() || d.isZero()) {
                throw invalid(key, "must be positive");
            }
            return d;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw invalid(key, "must be a duration such as 15m, 12h or 7d");
        }
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException("configuration key '" + key + "' (environment " + envName(key) + ") " + why);
    }

    private static Map<String, String> reference() {
        Properties p = new Properties();
        try (InputStream in = ConsoleConfig.class.getClassLoader().getResourceAsStream(REFERENCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + REFERENCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, p.getProperty(k).trim()));
        return values;
    }

    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>(values);
        shown.replaceAll((k, v) -> k.endsWith("password") && !v.isEmpty() ? "***" : v);
        return "ConsoleConfig" + shown;
    }
}
