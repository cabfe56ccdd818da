package dev.footfall.bench.process;

/**
 * Logging for the bench and its child JVMs: Kafka, OpenSearch and Flink at WARN, to stderr,
 * so the console shows the bench's own progress and children's logs land in their log files.
 */
public final class BenchLogging {

    public static final String CONFIG = "log4j2-bench.xml";

    private BenchLogging() {
    }

    /** Call before anything logs. Leaves an explicit configuration alone. */
    public static void configure() {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", CONFIG);
        }
    }
}
