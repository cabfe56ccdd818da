package dev.footfall.local;

import dev.footfall.console.cli.KeysCommand;
import dev.footfall.local.cli.EraseCommand;
import dev.footfall.local.cli.ReportCommand;
import dev.footfall.local.cli.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The commands behind {@code ./footfall}. */
@Command(name = "footfall", mixinStandardHelpOptions = true,
        description = "Self-hosted event tracking: run the pipeline locally and read its numbers.",
        subcommands = {UpCommand.class, ReportCommand.class, EraseCommand.class, KeysCommand.class})
public final class FootfallCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new FootfallCli()).execute(args));
    }
}
