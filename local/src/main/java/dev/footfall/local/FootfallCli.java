package dev.footfall.local;

import dev.footfall.console.cli.KeysCommand;
import dev.footfall.local.cli.EraseCommand;
import dev.footfall.local.cli.ReportCommand;
import dev.footfall.local.cli.SavepointCommand;
import dev.footfall.local.cli.StopCommand;
import dev.footfall.local.cli.SubmitCommand;
import dev.footfall.local.cli.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The commands behind {@code ./footfall}. */
@Command(name = "footfall", mixinStandardHelpOptions = true,
        description = "Self-hosted event tracking: run the pipeline locally or on a Flink cluster, and read its numbers.",
        subcommands = {UpCommand.class, ReportCommand.class, EraseCommand.class, KeysCommand.class, SubmitCommand.class,
                SavepointCommand.class, StopCommand.class})
public final class FootfallCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FootfallCli()).execute(args));
    }
}
