package dev.footfall.local.cli;

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
        return flink.onJob("savepoint", jobId, timeout, (client, id, wait) -> client.savepoint(id, savepointDir, wait));
    }
}
