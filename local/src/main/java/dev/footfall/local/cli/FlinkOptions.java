package dev.footfall.local.cli;

import dev.footfall.local.cluster.FlinkRestClient;
import picocli.CommandLine.Option;

/** Where {@code submit}, {@code savepoint} and {@code stop} find the Flink cluster. */
final class FlinkOptions {

    @Option(names = "--flink-url", required = true, defaultValue = "${env:FOOTFALL_FLINK_URL}",
            description = "The JobManager's REST address (its web UI), e.g. http://flink:8081 "
                    + "(default: $FOOTFALL_FLINK_URL).")
    String url;

    FlinkRestClient client() {
        return new FlinkRestClient(url);
    }
}
