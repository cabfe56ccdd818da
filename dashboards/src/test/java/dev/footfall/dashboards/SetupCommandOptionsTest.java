package dev.footfall.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.index.IndexFamily;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The setup command's options against docs/dashboards.md, and the ones made from the index contract. */
class SetupCommandOptionsTest {

    private static final List<String> HELP = List.of("--help", "--version");

    @Test
    void shouldDocumentEveryOptionAndItsVariable() throws IOException {
        String guide = Files.readString(Path.of("../docs/dashboards.md"));
        CommandLine cmd = SetupCommand.commandLine();
        for (OptionSpec option : cmd.getCommandSpec().options()) {
            if (!HELP.contains(option.longestName())) {
                assertThat(guide).as("docs/dashboards.md documents " + option.longestName()).contains("`" + option.longestName());
            }
        }
        for (String variable : variables()) {
            assertThat(guide).as("docs/dashboards.md documents " + variable).contains("`" + variable + "`");
        }
    }

    @Test
    void shouldOfferOneRetentionOptionPerFamilyWithTheContractsDefault() {
        CommandLine cmd = SetupCommand.commandLine();
        cmd.parseArgs("--retention-invalid", "7d");
        // The contract's defaults, written as the duration grammar formats them: 730 days = 2 * 365 = 2y.
        assertThat(cmd.getCommandSpec().findOption("--retention-events").getValue().toString()).isEqualTo("90d");
        assertThat(cmd.getCommandSpec().findOption("--retention-sessions").getValue().toString()).isEqualTo("2y");
        assertThat(cmd.getCommandSpec().findOption("--retention-invalid").getValue().toString()).isEqualTo("7d");
        for (IndexFamily family : IndexFamily.values()) {
            assertThat(cmd.getCommandSpec().findOption("--retention-" + family.shortName())).as(family.name()).isNotNull();
        }
        assertThat(SetupCommand.retentionEnv(IndexFamily.HEALTH)).isEqualTo("FOOTFALL_RETENTION_HEALTH");
    }

    /** Every variable the command reads: the annotations' raw text, and one retention variable per family. */
    private static List<String> variables() {
        List<String> out = new ArrayList<>();
        Pattern env = Pattern.compile("\\$\\{env:([A-Z_]+)");
        for (Field field : SetupCommand.class.getDeclaredFields()) {
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            if (option != null) {
                Matcher m = env.matcher(option.defaultValue());
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        for (IndexFamily family : IndexFamily.values()) {
            out.add(SetupCommand.retentionEnv(family));
        }
        return out;
    }
}
