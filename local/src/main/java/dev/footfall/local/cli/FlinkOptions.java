package dev.footfall.local.cli;

import dev.footfall.local.cluster.FlinkRestClient;
import dev.footfall.local.cluster.FlinkRestClient.Job;
import java.util.List;
import picocli.CommandLine.Option;

/** Where {@code submit}, {@code savepoint} and {@code stop} find the Flink cluster, and which job they mean. */
final class FlinkOptions {

    @Option(names = "--flink-url", required = true, defaultValue = "${env:FOOTFALL_FLINK_URL}",
            description = "The JobManager's REST address (its web UI), e.g. http://flink:8081 "
                    + "(default: $FOOTFALL_FLINK_URL).")
    String url;

    FlinkRestClient client() {
        return new FlinkRestClient(url);
    }

    /** The job given, else the one running Footfall job; refuses to guess between several. */
    static String jobId(FlinkRestClient flink, String given, String jobName) {
        if (given != null) {
            return given;
        }
        List<Job> running = flink.jobs().stream()
                .filter(j -> j.name().equals(jobName) && (j.state().equals("RUNNING") || j.state().equals("RESTARTING")))
                .toList();
        if (running.size() != 1) {
            throw new IllegalArgumentException(running.isEmpty()
                    ? "no running job named '" + jobName + "' at " + flink.url()
                    : running.size() + " running jobs are named '" + jobName + "' at " + flink.url()
                            + ": name one with --job-id (" + running.stream().map(Job::id).toList() + ")");
        }
        return running.get(0).id();
    }
}
