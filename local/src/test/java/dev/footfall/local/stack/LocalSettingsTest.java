package dev.footfall.local.stack;

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

class LocalSettingsTest {

    @Test
    void shouldRememberMessageIdsForTheJobsDefaultDayUnlessTheEnvironmentSaysOtherwise() {
        assertThat(LocalSettings.fromEnvironment(Map.of()).dedupTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(LocalSettings.fromEnvironment(Map.of("FOOTFALL_DEDUP_TTL", "1h")).dedupTtl())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRefuseADedupTtlTheJobWouldRefuseNamingTheVariable() {
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("FOOTFALL_DEDUP_TTL", "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FOOTFALL_DEDUP_TTL");
    }

    @Test
    void shouldKeepTheTtlWhenAnotherSettingIsChanged() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of("FOOTFALL_DEDUP_TTL", "90m"));
        assertThat(settings.withDataDir(settings.dataDir().resolve("other")).dedupTtl()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void shouldLayerTheGatewaysSettingsFromTheEnvironmentAndItsConfigFileAsInProduction(@TempDir Path dir) throws IOException {
        assertThat(LocalSettings.fromEnvironment(Map.of()).gateway().addressRatePerSecond()).isEqualTo(100);
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "trusted.proxies=127.0.0.1/32\nrate.address.per.second=50\n");

        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(
                "FOOTFALL_CONFIG_FILE", file.toString(), "FOOTFALL_RATE_ADDRESS_PER_SECOND", "0",
                "FOOTFALL_HTTP_IDLE_TIMEOUT_MS", "5000"));

        assertThat(settings.gateway().addressRatePerSecond()).as("the environment over the file").isZero();
        assertThat(settings.gateway().trustedProxies()).as("the file over the reference").hasSize(1);
        assertThat(settings.gateway().httpIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.withDataDir(dir).withPorts(1, 2, 3, 4, 5).gateway()).isSameAs(settings.gateway());
    }

    @Test
    void shouldReadTheJobsSettingsFromTheEnvironmentAsTheJobReadsThem() {
        LocalSettings defaults = LocalSettings.fromEnvironment(Map.of());
        assertThat(defaults.parallelism()).isEqualTo(2);
        assertThat(defaults.rawPartitions()).isEqualTo(4);
        assertThat(defaults.job().sessionGap()).isEqualTo(Duration.ofMinutes(30));

        LocalSettings settings = LocalSettings.fromEnvironment(Map.of("FOOTFALL_PARALLELISM", "1",
                "FOOTFALL_SESSION_GAP", "5m", "FOOTFALL_ALLOWED_LATENESS", "0s", "FOOTFALL_RAW_PARTITIONS", "6"));
        assertThat(settings.parallelism()).isEqualTo(1);
        assertThat(settings.job().sessionGap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.job().allowedLateness()).isZero();
        assertThat(settings.rawPartitions()).isEqualTo(6);
    }

    @Test
    void shouldRefuseABadPartitionCountOrJobSettingNamingTheVariable() {
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("FOOTFALL_RAW_PARTITIONS", "0")))
                .hasMessageContaining("FOOTFALL_RAW_PARTITIONS").hasMessageContaining("'0'");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("FOOTFALL_PARALLELISM", "0")))
                .hasMessageContaining("FOOTFALL_PARALLELISM");
    }

    @Test
    void shouldReadExtraFlinkConfigurationAsKeyValueLines() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of("FOOTFALL_FLINK_PROPERTIES",
                "pipeline.object-reuse: true\n\nstate.checkpoints.dir: file:///tmp/x\n"));
        // The value keeps its own colons: only the first one ends the key.
        assertThat(settings.flink()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pipeline.object-reuse", "true", "state.checkpoints.dir", "file:///tmp/x"));
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("FOOTFALL_FLINK_PROPERTIES", "object-reuse")))
                .hasMessageContaining("FOOTFALL_FLINK_PROPERTIES").hasMessageContaining("'object-reuse'");
    }

    @Test
    void shouldRefuseABadGatewaySettingNamingItsVariable() {
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("FOOTFALL_RATE_ADDRESS_PER_SECOND", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FOOTFALL_RATE_ADDRESS_PER_SECOND").hasMessageContaining("lots");
    }

    @Test
    void shouldHandTheGatewayItsOwnSystemPropertiesAndPassOverTheConsolesAndTheTestKits() {
        Properties system = new Properties();
        system.setProperty("footfall.console.port", "8082");
        system.setProperty("footfall.chromium", "/usr/bin/chromium");
        system.setProperty("footfall.rate.address.per.second", "0");
        system.setProperty("footfall.kafka.producer.security.protocol", "SSL");
        system.setProperty("footfall.config.file", "/etc/footfall/gateway.properties");
        system.setProperty("java.version", "17");

        Properties gateway = LocalSettings.gatewayProperties(system);

        assertThat(gateway.stringPropertyNames()).containsExactlyInAnyOrder("footfall.rate.address.per.second",
                "footfall.kafka.producer.security.protocol", "footfall.config.file");
    }
}
