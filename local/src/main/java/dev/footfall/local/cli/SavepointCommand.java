package dev.footfall.local.cli;

import dev.footfall.job.FootfallJob;
import dev.footfall.local.cluster.FlinkRestClient;
import dev.footfall.local.cluster.FlinkRestClient.FlinkException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "savepoint", mixinStandardHelpOptions = true,
        description = "Take a savepoint of the running Footfall job (it keeps running) and print its path.")
public final class SavepointCommand implements Callable<Integer> {

    @Mixin
    FlinkOptions flink;

    @Option(names = "--job-id", description = "The job (default: the one running job named 'footfall').")
    String jobId;

    @Option(names = "--savepoint-dir", description = "Where to write it (default: the cluster's execution.checkpointing.savepoint-dir).")
    String savepointDir;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long to wait for it (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() {
        try {
            Duration wait = dev.footfall.config.Durations.parse("--timeout", timeout);
            FlinkRestClient client = flink.client();
            String id = FlinkOptions.jobId(client, jobId, FootfallJob.JOB_NAME);
            System.out.println(client.savepoint(id, savepointDir, wait));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("footfall savepoint: " + e.getMessage());
            return 2;
        } catch (FlinkException e) {
            System.err.println("footfall savepoint: " + e.getMessage());
            return 1;
        }
    }
}
