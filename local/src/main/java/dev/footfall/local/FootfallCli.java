package dev.footfall.local;

import dev.footfall.console.cli.KeysCommand;
import dev.footfall.definitions.cli.DefinitionsCommand;
import dev.footfall.local.cli.EraseCommand;
import dev.footfall.local.cli.ReportCommand;
import dev.footfall.local.cli.SavepointCommand;
import dev.footfall.local.cli.StopCommand;
import dev.footfall.local.cli.SubmitCommand;
import dev.footfall.local.cli.UpCommand;
import dev.footfall.local.stack.LocalSettings;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The commands behind {@code ./footfall}. */
@Command(name = "footfall", mixinStandardHelpOptions = true,
        description = "Self-hosted event tracking: run the pipeline locally or on a Flink cluster, and read its numbers.",
        subcommands = {UpCommand.class, ReportCommand.class, EraseCommand.class, KeysCommand.class, SubmitCommand.class,
                SavepointCommand.class, StopCommand.class})
public final class FootfallCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Every command; definitions may name the local mode's generated site without a sites file. */
    public static CommandLine commandLine() {
        return new CommandLine(new FootfallCli())
                .addSubcommand("definitions", new DefinitionsCommand(Set.of(LocalSettings.DEFAULT_SITE)));
    }
}
