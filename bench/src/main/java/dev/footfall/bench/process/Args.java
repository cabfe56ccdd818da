package dev.footfall.bench.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --key value} arguments of a child JVM (the bench writes them; no user types them). */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    private Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --key value pairs, got " + List.of(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    public static Args parse(String[] args) {
        return new Args(args);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public int getInt(String key, int fallback) {
        return values.containsKey(key) ? Integer.parseInt(values.get(key)) : fallback;
    }

    /** Every {@code --prefix.key value}, keyed without the prefix. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public long getLong(String key, long fallback) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : fallback;
    }
}
