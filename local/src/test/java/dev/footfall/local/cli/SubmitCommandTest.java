package dev.footfall.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code submit} hands to the cluster, and what it refuses before anything is sent. */
class SubmitCommandTest {

    @Test
    void shouldHandOnTheSettingsOfFlagsAndShellButNeverAPassword() {
        List<String> args = SubmitCommand.checkedSettings(List.of("--state-backend", "rocksdb"),
                Map.of("FOOTFALL_KAFKA_BOOTSTRAP", "kafka:9092", "FOOTFALL_OPENSEARCH_USER", "admin",
                        "FOOTFALL_OPENSEARCH_PASSWORD", "S3cret-pw", "HOME", "/root")).toArgs();

        assertThat(args).containsExactly("--kafka-bootstrap", "kafka:9092", "--opensearch-user", "admin",
                "--state-backend", "rocksdb");
        assertThat(String.join(" ", args)).doesNotContain("S3cret-pw");
    }

    @Test
    void shouldAcceptAUserWhosePasswordTheJobManagerHolds() {
        // docker-compose's submit service: a user, no password (the JobManager's environment has it).
        assertThat(SubmitCommand.checkedSettings(List.of("--opensearch-user", "admin"), Map.of()).toArgs())
                .containsExactly("--opensearch-user", "admin");
        assertThat(SubmitCommand.checkedSettings(List.of("--opensearch-user", "admin", "--opensearch-password-file",
                "/run/secrets/pw"), Map.of()).toArgs()).contains("--opensearch-password-file", "/run/secrets/pw");
    }

    @Test
    void shouldRefuseAPasswordFlagAndABadSettingNamingThem() {
        assertThatThrownBy(() -> SubmitCommand.checkedSettings(List.of("--opensearch-password=S3cret-pw"), Map.of()))
                .hasMessageContaining("web UI").hasMessageContaining("FOOTFALL_OPENSEARCH_PASSWORD")
                .hasMessageNotContaining("S3cret-pw");
        assertThatThrownBy(() -> SubmitCommand.checkedSettings(List.of("--parallelism", "0"), Map.of()))
                .hasMessageContaining("--parallelism").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> SubmitCommand.checkedSettings(List.of(), Map.of("FOOTFALL_SESSION_GAP", "soon")))
                .hasMessageContaining("FOOTFALL_SESSION_GAP");
    }
}
