package dev.footfall.bench.job;

/** The job runs of the job benchmark. */
public enum JobVariant {
    /** Floor: Kafka source straight into a discarding sink; no parsing, no shuffle. */
    PASS_THROUGH("pass-through Kafka-to-discard job"),
    /** The full job, every sink discarding (counting) what it gets. */
    COMPUTE("full job, discarding sinks"),
    /** The same, with goals and funnels defined ({@link dev.footfall.bench.traffic.BenchDefinitions}). */
    COMPUTE_DEFINITIONS("full job with 20 funnels of 5 steps and 20 goals per site, discarding sinks"),
    /** The full job over a prefix of the topic, its OpenSearch actions written to files for the bulk floor. */
    CAPTURE("full job, actions captured to files"),
    /** The full job with its real OpenSearch sinks and dead-letter topic. */
    OPENSEARCH("full job into OpenSearch");

    private final String description;

    JobVariant(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
