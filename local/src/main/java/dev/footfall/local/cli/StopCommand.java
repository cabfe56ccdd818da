package dev.footfall.local.cli;

import dev.footfall.job.FootfallJob;
import dev.footfall.local.cluster.FlinkRestClient;
import dev.footfall.local.cluster.FlinkRestClient.FlinkException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop the Footfall job on a Flink cluster with a final savepoint and print its path.",
                "To upgrade: ./footfall stop ..., then ./footfall submit --from-savepoint PATH with the new version."})
public final class StopCommand implements Callable<Integer> {

    @Mixin
    FlinkOptions flink;

    @Option(names = "--savepoint-dir", required = true, description = "Where the final savepoint goes (a path every Flink process can reach).")
    String savepointDir;

    @Option(names = "--job-id", description = "The job (default: the one running job named 'footfall').")
    String jobId;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long to wait for the savepoint (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
        try {
            Duration wait = dev.footfall.config.Durations.parse("--timeout", timeout);
            FlinkRestClient client = flink.client();
            String id = FlinkOptions.jobId(client, jobId, FootfallJob.JOB_NAME);
            System.out.println(client.stopWithSavepoint(id, savepointDir, wait));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("footfall stop: " + e.getMessage());
            return 2;
        } catch (FlinkException e) {
            System.err.println("footfall stop: " + e.getMessage());
            return 1;
        }
    }
}
