package dev.footfall.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * A component's settings, layered the same way for every component. Every key and its default
 * live in one reference {@code .properties} resource; over it, later layers winning:
 * <ol>
 *   <li>a properties file named by the component's config-file variable ({@code FOOTFALL_CONFIG_FILE}
 *       for the gateway) or its system property ({@code -Dfootfall.config.file=...});</li>
 *   <li>environment variables, {@code FOOTFALL_} and the key in upper case with dots and dashes as
 *       underscores ({@code http.port -> FOOTFALL_HTTP_PORT});</li>
 *   <li>system properties, {@code footfall.} and the key ({@code -Dfootfall.http.port=9090}).</li>
 * </ol>
 * A key that the reference does not list is refused wherever it appears (a typo must not pass
 * silently), except under the pass-through prefixes a component declares (settings handed on
 * unread, such as the gateway's {@code kafka.producer.*}). The typed getters check a value and
 * fail with a message naming the key and its environment variable; a component calls each once
 * at start-up, so a bad value stops it there and not at first use.
 *
 * <pre>{@code
 * static final LayeredConfig.Source SOURCE =
 *         LayeredConfig.source(ConsoleConfig.class, "dev/footfall/console/reference.properties")
 *                 .configFileKey("console.config.file");          // FOOTFALL_CONSOLE_CONFIG_FILE
 * LayeredConfig config = SOURCE.load();                            // production: file, env, -D
 * int port = config.intIn("console.port", 0, 65535);               // FOOTFALL_CONSOLE_PORT
 * LayeredConfig test = SOURCE.reference().with("console.port", "0");
 * }</pre>
 */
public final class LayeredConfig {

    private static final String ENV_PREFIX = "FOOTFALL_";
    private static final String PROPERTY_PREFIX = "footfall.";

    private final Source source;
    private final Map<String, String> values;

    private LayeredConfig(Source source, Map<String, String> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Where a component's settings come from: its reference resource, read with {@code owner}'s class loader. */
    public static Source source(Class<?> owner, String referenceResource) {
        return new Source(owner, referenceResource, "config.file", List.of());
    }

    /** The environment variable that overrides a key: {@code http.port -> FOOTFALL_HTTP_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The system property that overrides a key: {@code http.port -> footfall.http.port}. */
    public static String propertyName(String key) {
        return PROPERTY_PREFIX + key;
    }

    /** The error for a bad value: it names the key and the environment variable that sets it. */
    public static IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(
                "configuration key '" + key + "' (environment " + envName(key) + ") " + problem);
    }

    /** A copy with one key changed; unknown keys are refused so typos cannot pass silently. */
    public LayeredConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** A copy with several keys changed at once. */
    public LayeredConfig with(Map<String, String> changes) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        changes.forEach((key, value) -> {
            source.requireKnown(copy, key, "with(" + key + ")");
            copy.put(key, Objects.requireNonNull(value, key));
        });
        return new LayeredConfig(source, copy);
    }

    /** The raw value of a key. */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        return value;
    }

    /** Every resolved key and value, reference keys in alphabetical order. */
    public Map<String, String> asMap() {
        return values;
    }

    /** The keys the reference resource lists. */
    public List<String> referenceKeys() {
        return List.copyOf(source.referenceValues().keySet());
    }

    /** Every key under a pass-through prefix, with the prefix taken off. */
    public Map<String, String> under(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }

    /** A value that must not be empty. */
    public String text(String key) {
        String value = get(key);
        if (value.isBlank()) {
            throw invalid(key, "must not be empty");
        }
        return value;
    }

    /** A path, or null when the value is empty (the setting is off). */
    public Path optionalPath(String key) {
        String value = get(key);
        return value.isBlank() ? null : Path.of(value);
    }

    public int intIn(String key, int min, int max) {
        int parsed = number(key, Integer::parseInt, "a whole number");
        if (parsed < min || parsed > max) {
            throw invalid(key, "must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    public double nonNegativeDouble(String key) {
        double parsed = number(key, Double::parseDouble, "a number");
        if (!(parsed >= 0) || Double.isInfinite(parsed)) {
            throw invalid(key, "must be a finite number >= 0, got " + get(key));
        }
        return parsed;
    }

    /** The value read by {@code parse}; one it cannot read fails as not {@code expected}. */
    private <T> T number(String key, Function<String, T> parse, String expected) {
        String value = get(key);
        try {
            return parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "must be " + expected + ", got '" + value + "'");
        }
    }

    public boolean bool(String key) {
        String value = get(key).trim();
        if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
            return Boolean.parseBoolean(value);
        }
        throw invalid(key, "must be true or false, got '" + value + "'");
    }

    /** A duration in the one grammar ({@link Durations}), at least {@code min}. */
    public Duration duration(String key, Duration min) {
        Duration parsed = Durations.parse("configuration key '" + key + "' (environment " + envName(key) + ")", get(key));
        if (parsed.compareTo(min) < 0) {
            throw invalid(key, "must be at least " + Durations.format(min) + ", got " + get(key));
        }
        return parsed;
    }

    /** Where one component's settings come from, and how it loads them. */
    public static final class Source {
        private final Class<?> owner;
        private final String reference;
        private final String configFileKey;
        private final List<String> passThrough;

        private Source(Class<?> owner, String reference, String configFileKey, List<String> passThrough) {
            this.owner = Objects.requireNonNull(owner, "owner");
            this.reference = Objects.requireNonNull(reference, "reference");
            this.configFileKey = Objects.requireNonNull(configFileKey, "configFileKey");
            this.passThrough = List.copyOf(passThrough);
        }

        /**
         * The key naming the optional config file; its environment variable and system property
         * follow the usual mapping. Default {@code config.file}: {@code FOOTFALL_CONFIG_FILE}.
         */
        public Source configFileKey(String key) {
            return new Source(owner, reference, key, passThrough);
        }

        /** Keys under this prefix are accepted from a config file and {@code -D}, and read with {@link #under}. */
        public Source passThrough(String prefix) {
            List<String> prefixes = new java.util.ArrayList<>(passThrough);
            prefixes.add(prefix);
            return new Source(owner, reference, configFileKey, prefixes);
        }

        public String referenceResource() {
            return reference;
        }

        /** The environment variable naming the config file, e.g. {@code FOOTFALL_CONFIG_FILE}. */
        public String configFileEnv() {
            return envName(configFileKey);
        }

        /** The system property naming the config file, e.g. {@code footfall.config.file}. */
        public String configFileProperty() {
            return propertyName(configFileKey);
        }

        /** Only the reference defaults: the starting point for tests and launchers. */
        public LayeredConfig reference() {
            return new LayeredConfig(this, referenceValues());
        }

        /** The reference, the config file, the process environment and system properties. */
        public LayeredConfig load() {
            return load(System.getenv(), System.getProperties());
        }

        public LayeredConfig load(Map<String, String> env, Properties systemProperties) {
            Map<String, String> values = referenceValues();
            String file = systemProperties.getProperty(configFileProperty(), env.get(configFileEnv()));
            if (file != null && !file.isBlank()) {
                Properties layer = readFile(Path.of(file));
                for (String key : layer.stringPropertyNames()) {
                    requireKnown(values, key, "config file " + file);
                    values.put(key, layer.getProperty(key).trim());
                }
            }
            for (String key : List.copyOf(values.keySet())) {
                String fromEnv = env.get(envName(key));
                if (fromEnv != null) {
                    values.put(key, fromEnv.trim());
                }
            }
            for (String name : systemProperties.stringPropertyNames()) {
                if (name.startsWith(PROPERTY_PREFIX) && !name.equals(configFileProperty())) {
                    String key = name.substring(PROPERTY_PREFIX.length());
                    requireKnown(values, key, "system property " + name);
                    values.put(key, systemProperties.getProperty(name).trim());
                }
            }
            return new LayeredConfig(this, values);
        }

        private void requireKnown(Map<String, String> values, String key, String where) {
            if (!values.containsKey(key) && passThrough.stream().noneMatch(key::startsWith)) {
                throw new IllegalArgumentException("unknown configuration key '" + key + "' in " + where
                        + "; the keys are listed in " + reference);
            }
        }

        private Map<String, String> referenceValues() {
            Properties properties = new Properties();
            try (InputStream in = owner.getClassLoader().getResourceAsStream(reference)) {
                if (in == null) {
                    throw new IllegalStateException("missing classpath resource " + reference);
                }
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + reference, e);
            }
            Map<String, String> values = new LinkedHashMap<>();
            properties.stringPropertyNames().stream().sorted()
                    .forEach(key -> values.put(key, properties.getProperty(key).trim()));
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
    }
}
