package dev.footfall.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The benchmarks, in the order a full run does them; capacity, soak and history only when asked for. */
public enum Benchmark {
    GATEWAY,
    JOB,
    /** The job's compute path and its pass-through floor only: a quicker loop when working on the job. */
    JOB_COMPUTE,
    FRESHNESS,
    MEMORY,
    /** 10-15 minutes, two stacks: never part of the default run. */
    CAPACITY,
    /** 30 minutes: never part of the default run. */
    SOAK,
    /** The Stats API over a month of history: loading it takes long, so never part of the default run. */
    HISTORY;

    /** What {@code ./footfall bench} runs without {@code --only}. */
    public static Set<Benchmark> defaults() {
        return EnumSet.complementOf(EnumSet.of(CAPACITY, SOAK, JOB_COMPUTE, HISTORY));
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Benchmark of(String id) {
        return Arrays.stream(values()).filter(b -> b.id().equals(id.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown benchmark '" + id
                        + "'; choose from gateway, job, job-compute, freshness, memory, capacity, soak"));
    }
}
