package dev.footfall.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "savepoint", mixinStandardHelpOptions = true,
        description = "Take a savepoint of the running Footfall job (it keeps running) and print its path.")
public final class SavepointCommand implements Callable<Integer> {

    @Mixin
    RunningJobOptions job;

    @Option(names = "--savepoint-dir", description = "Where to write it (default: the cluster's execution.checkpointing.savepoint-dir).")
    String savepointDir;

    @Override
    public Integer call() {
        return job.onJob("savepoint", (client, id, wait) -> client.savepoint(id, savepointDir, wait));
    }
}
