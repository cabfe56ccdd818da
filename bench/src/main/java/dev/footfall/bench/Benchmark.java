package dev.footfall.bench;

import java.util.Arrays;
import java.util.Locale;

/** The benchmarks, in the order a full run does them. */
public enum Benchmark {
    GATEWAY,
    JOB,
    FRESHNESS,
    MEMORY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Benchmark of(String id) {
        return Arrays.stream(values()).filter(b -> b.id().equals(id.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown benchmark '" + id
                        + "'; choose from gateway, job, freshness, memory"));
    }
}
