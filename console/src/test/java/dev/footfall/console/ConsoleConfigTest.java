package dev.footfall.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConsoleConfigTest {

    @Test
    void everyKeyIsDocumentedWithItsVariableAndDefault() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "console.md"));
        ConsoleConfig.defaults().asMap().forEach((key, value) -> {
            String shownDefault = value.isEmpty() ? "empty" : "`" + value + "`";
            assertThat(doc).as("docs/console.md documents %s", key)
                    .contains("| `" + key + "` | `" + ConsoleConfig.envName(key) + "` | " + shownDefault + " |");
        });
    }

    @Test
    void environmentAndSystemPropertiesOverrideTheReference() {
        Properties props = new Properties();
        props.setProperty("footfall.console.session.ttl", "2h");
        ConsoleConfig config = ConsoleConfig.load(Map.of("FOOTFALL_CONSOLE_PORT", "9082", "FOOTFALL_CONSOLE_SESSION_TTL", "1h"),
                props);
        assertThat(config.port()).isEqualTo(9082);
        assertThat(config.sessionTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.loginLinkTtl()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aConfigFileNamedByItsVariableIsALayerUnderTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("console.properties");
        Files.writeString(file, "console.port=7082\nconsole.login.link.ttl=5m\n");
        ConsoleConfig config = ConsoleConfig.load(Map.of(ConsoleConfig.configFileEnv(), file.toString(),
                "FOOTFALL_CONSOLE_PORT", "9082"), new Properties());
        assertThat(ConsoleConfig.configFileEnv()).isEqualTo("FOOTFALL_CONSOLE_CONFIG_FILE");
        assertThat(config.port()).isEqualTo(9082);
        assertThat(config.loginLinkTtl()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBadValueNamesTheKeyAndItsVariable() {
        assertThatThrownBy(() -> ConsoleConfig.load(Map.of("FOOTFALL_CONSOLE_PORT", "eighty"), new Properties()))
                .hasMessage("configuration key 'console.port' (environment FOOTFALL_CONSOLE_PORT) must be a whole number, "
                        + "got 'eighty'");
        assertThatThrownBy(() -> ConsoleConfig.load(Map.of("FOOTFALL_CONSOLE_SESSION_TTL", "soon"), new Properties()))
                .hasMessageContaining("FOOTFALL_CONSOLE_SESSION_TTL");
        assertThatThrownBy(() -> ConsoleConfig.defaults().with("console.prot", "1"))
                .hasMessageContaining("unknown configuration key 'console.prot'");
    }

    @Test
    void thePasswordNeverShows() {
        assertThat(ConsoleConfig.defaults().with("console.password", "hunter2").toString())
                .doesNotContain("hunter2").contains("console.password=***");
    }
}
