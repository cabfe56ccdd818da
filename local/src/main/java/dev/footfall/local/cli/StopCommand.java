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
    RunningJobOptions job;

    @Option(names = "--savepoint-dir", required = true, description = "Where the final savepoint goes (a path every Flink process can reach).")
    String savepointDir;

    @Override
    public Integer call() {
        return job.onJob("stop", (client, id, wait) -> client.stopWithSavepoint(id, savepointDir, wait));
    }
}
