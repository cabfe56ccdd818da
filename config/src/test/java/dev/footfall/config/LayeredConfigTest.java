package dev.footfall.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredConfigTest {

    private static final LayeredConfig.Source SOURCE = LayeredConfig.source(LayeredConfigTest.class,
            "dev/footfall/config/test-reference.properties").configFileKey("console.config.file").passThrough("console.extra.");

    @Test
    void shouldLayerReferenceFileEnvironmentAndSystemPropertiesInThatOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("console.properties");
        Files.writeString(file, "console.port=7000\nconsole.title=From file\nconsole.refresh=1m\nconsole.extra.colour=blue\n");
        Properties system = new Properties();
        system.setProperty("footfall.console.title", "From -D");
        system.setProperty("unrelated", "ignored");

        LayeredConfig config = SOURCE.load(Map.of("FOOTFALL_CONSOLE_CONFIG_FILE", file.toString(),
                "FOOTFALL_CONSOLE_PORT", "7001", "FOOTFALL_CONSOLE_TITLE", "From env"), system);

        assertThat(config.intIn("console.port", 0, 65535)).as("environment over file").isEqualTo(7001);
        assertThat(config.text("console.title")).as("system property over environment").isEqualTo("From -D");
        assertThat(config.duration("console.refresh", Duration.ofSeconds(1))).as("file over reference").isEqualTo(Duration.ofMinutes(1));
        assertThat(config.bool("console.enabled")).as("reference").isTrue();
        assertThat(config.optionalPath("console.dir")).as("empty means off").isNull();
        assertThat(config.under("console.extra.")).containsExactly(Map.entry("colour", "blue"));
        assertThat(config.referenceKeys()).containsExactly("console.dir", "console.enabled", "console.port",
                "console.refresh", "console.title");
    }

    @Test
    void shouldNameTheKeyAndItsVariableInEveryRefusal(@TempDir Path dir) throws IOException {
        Path typo = dir.resolve("typo.properties");
        Files.writeString(typo, "console.prot=1\n");
        assertThatThrownBy(() -> SOURCE.load(Map.of("FOOTFALL_CONSOLE_CONFIG_FILE", typo.toString()), new Properties()))
                .hasMessageContaining("unknown configuration key 'console.prot'").hasMessageContaining(typo.toString());
        Properties system = new Properties();
        system.setProperty("footfall.console.colour", "red");
        assertThatThrownBy(() -> SOURCE.load(Map.of(), system)).hasMessageContaining("'console.colour'")
                .hasMessageContaining("system property footfall.console.colour");

        LayeredConfig reference = SOURCE.reference();
        assertThatThrownBy(() -> reference.with("console.prot", "1")).hasMessageContaining("unknown configuration key");
        assertThatThrownBy(() -> reference.with("console.port", "eighty").intIn("console.port", 0, 65535))
                .hasMessage("configuration key 'console.port' (environment FOOTFALL_CONSOLE_PORT) must be a whole number, got 'eighty'");
        assertThatThrownBy(() -> reference.with("console.port", "70000").intIn("console.port", 0, 65535))
                .hasMessageContaining("must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> reference.with("console.refresh", "soon").duration("console.refresh", Duration.ZERO))
                .hasMessageContaining("'console.refresh' (environment FOOTFALL_CONSOLE_REFRESH)").hasMessageContaining("'soon'")
                .hasMessageContaining(Durations.FORMS);
        assertThatThrownBy(() -> reference.with("console.refresh", "10ms").duration("console.refresh", Duration.ofSeconds(1)))
                .hasMessageContaining("must be at least 1s, got 10ms");
        assertThatThrownBy(() -> reference.with("console.enabled", "yes").bool("console.enabled"))
                .hasMessageContaining("FOOTFALL_CONSOLE_ENABLED").hasMessageContaining("true or false");
        assertThatThrownBy(() -> reference.with("console.title", " ").text("console.title")).hasMessageContaining("must not be empty");
    }

    @Test
    void shouldMapKeysToVariablesMechanically() {
        assertThat(LayeredConfig.envName("console.port")).isEqualTo("FOOTFALL_CONSOLE_PORT");
        assertThat(LayeredConfig.envName("session-gap")).isEqualTo("FOOTFALL_SESSION_GAP");
        assertThat(LayeredConfig.propertyName("http.port")).isEqualTo("footfall.http.port");
        assertThat(SOURCE.configFileEnv()).isEqualTo("FOOTFALL_CONSOLE_CONFIG_FILE");
        assertThat(LayeredConfig.source(LayeredConfigTest.class, "x").configFileEnv()).isEqualTo("FOOTFALL_CONFIG_FILE");
    }
}
