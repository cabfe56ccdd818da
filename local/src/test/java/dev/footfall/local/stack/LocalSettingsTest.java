package dev.footfall.local.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
