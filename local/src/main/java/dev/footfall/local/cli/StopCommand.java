package dev.footfall.local.cli;

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
        return flink.onJob("stop", jobId, timeout, (client, id, wait) -> client.stopWithSavepoint(id, savepointDir, wait));
    }
}
