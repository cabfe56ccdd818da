package dev.footfall.local.cli;

import dev.footfall.config.Durations;
import dev.footfall.job.FootfallJob;
import dev.footfall.local.cluster.FlinkRestClient;
import dev.footfall.local.cluster.FlinkRestClient.FlinkException;
import dev.footfall.local.cluster.FlinkRestClient.Job;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code savepoint} and {@code stop} share: the cluster, the running job they act on, and how
 * long they wait for its savepoint.
 */
final class RunningJobOptions {

    @Mixin
    FlinkOptions flink;

    @Option(names = "--job-id", description = "The job (default: the one running job named 'footfall').")
    String jobId;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    String timeout;

    /** What {@code savepoint} and {@code stop} do to the job: returns the savepoint's path. */
    interface JobOperation {
        String apply(FlinkRestClient client, String jobId, Duration timeout);
    }

    /**
     * Runs an operation on the job given, else the one running Footfall job, and prints its
     * result; returns the command's exit code (2: bad options or no such job, 1: Flink failed).
     */
    int onJob(String command, JobOperation operation) {
        try {
            Duration wait = Durations.parse("--timeout", timeout);
            FlinkRestClient client = flink.client();
            System.out.println(operation.apply(client, jobId(client, jobId, FootfallJob.JOB_NAME), wait));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("footfall " + command + ": " + e.getMessage());
            return 2;
        } catch (FlinkException e) {
            System.err.println("footfall " + command + ": " + e.getMessage());
            return 1;
        }
    }

    /** The job given, else the one running Footfall job; refuses to guess between several. */
    static String jobId(FlinkRestClient flink, String given, String jobName) {
        if (given != null) {
            return given;
        }
        List<Job> running = running(flink, jobName);
        if (running.size() != 1) {
            throw new IllegalArgumentException(running.isEmpty()
                    ? "no running job named '" + jobName + "' at " + flink.url()
                    : running.size() + " running jobs are named '" + jobName + "' at " + flink.url()
                            + ": name one with --job-id (" + running.stream().map(Job::id).toList() + ")");
        }
        return running.get(0).id();
    }

    /** The jobs of that name the cluster runs (or is restarting). */
    static List<Job> running(FlinkRestClient flink, String jobName) {
        return flink.jobs().stream()
                .filter(j -> j.name().equals(jobName) && (j.state().equals("RUNNING") || j.state().equals("RESTARTING")))
                .toList();
    }
}
