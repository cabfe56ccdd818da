package dev.footfall.definitions.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** Every option of {@code footfall definitions} and every variable it reads is in docs/funnels.md. */
class DefinitionsCommandOptionsTest {

    private static final Set<String> HELP = Set.of("--help", "--version");

    @Test
    void shouldDocumentEveryOptionAndItsVariable() throws Exception {
        String guide = Files.readString(Path.of("../docs/funnels.md"));
        CommandLine cmd = new CommandLine(new DefinitionsCommand());
        for (CommandLine command : cmd.getSubcommands().values()) {
            for (ArgSpec arg : command.getCommandSpec().args()) {
                if (arg instanceof CommandLine.Model.OptionSpec option && !HELP.contains(option.longestName())) {
                    assertThat(guide).as("docs/funnels.md documents " + option.longestName())
                            .contains("`" + option.longestName());
                }
                Matcher variable = Pattern.compile("\\$\\{env:([A-Z_]+)").matcher(String.valueOf(arg.defaultValue()));
                while (variable.find()) {
                    assertThat(guide).as("docs/funnels.md documents " + variable.group(1))
                            .contains("`" + variable.group(1) + "`");
                }
            }
        }
    }
}
