package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

class JobSettingsTest {

    @Test
    void shouldUseTheDocumentedDefaults() {
        JobSettings s = JobSettings.fromArgs(new String[0], Map.of());
        assertThat(s.rawTopic()).isEqualTo("footfall.raw");
        assertThat(s.invalidTopic()).isEqualTo("footfall.invalid");
        assertThat(s.openSearch().urls()).containsExactly("http://localhost:9200");
        assertThat(s.sessionGap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.outOfOrderness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.allowedLateness()).isEqualTo(Duration.ofHours(1));
        assertThat(s.dedupTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(s.clockAfterQuiet()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.stateBackend()).isEqualTo(JobSettings.StateBackend.HASHMAP);
        assertThat(s.geoIpDatabase()).isNull();
        assertThat(s).isEqualTo(JobSettings.builder().build());
    }

    @Test
    void shouldLetFlagsWinOverEnvironmentVariables() {
        JobSettings s = JobSettings.fromArgs(new String[] {"--session-gap", "45m", "--state-backend=rocksdb"},
                Map.of("FOOTFALL_SESSION_GAP", "10m", "FOOTFALL_DEDUP_TTL", "2h", "FOOTFALL_OPENSEARCH_URL",
                        "https://a:9200,https://b:9200", "FOOTFALL_OPENSEARCH_USER", "admin",
                        "FOOTFALL_OPENSEARCH_PASSWORD", "pw", "FOOTFALL_OPENSEARCH_TRUST_SELF_SIGNED", "true"));
        assertThat(s.sessionGap()).isEqualTo(Duration.ofMinutes(45));
        assertThat(s.dedupTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(JobSettings.fromArgs(new String[0], Map.of("FOOTFALL_CLOCK_AFTER_QUIET", "0s")).clockAfterQuiet())
                .isZero();
        assertThat(s.stateBackend()).isEqualTo(JobSettings.StateBackend.ROCKSDB);
        assertThat(s.openSearch().hosts()).hasSize(2);
        assertThat(s.openSearch().trustSelfSigned()).isTrue();
        assertThat(s.toString()).doesNotContain("pw");
    }

    @Test
    void shouldNameTheParameterThatIsWrong() {
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--session-gap", "soon"}, Map.of()))
                .hasMessageContaining("--session-gap").hasMessageContaining("30m");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[0], Map.of("FOOTFALL_STATE_BACKEND", "memory")))
                .hasMessageContaining("FOOTFALL_STATE_BACKEND");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--sesion-gap", "1m"}, Map.of()))
                .hasMessageContaining("unknown flag --sesion-gap");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[0], Map.of("FOOTFALL_OPENSEARCH_USER", "admin")))
                .hasMessageContaining("user and password");
        assertThatThrownBy(() -> JobSettings.builder().sessionGap(Duration.ZERO).build())
                .hasMessageContaining("session gap");
        assertThatThrownBy(() -> FootfallJob.builder().settings(JobSettings.builder().build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source");
    }

    @Test
    void shouldDocumentEveryParameterInTheJobGuide() throws IOException {
        String guide = Files.readString(Path.of("../docs/flink-job.md"));
        for (ConfigOption<?> option : JobSettings.options()) {
            assertThat(guide).as("docs/flink-job.md documents " + option.key())
                    .contains("`" + JobSettings.flag(option) + "`").contains("`" + JobSettings.envName(option) + "`");
        }
    }

    @Test
    void shouldWriteEachDefaultOnceAndShowItAsWritten() {
        JobSettings defaults = JobSettings.builder().build();
        // The table's text and the typed default are the same value: "24h" is 24 hours, "500ms" half a second.
        assertThat(defaults.get(JobSettings.DEDUP_TTL)).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.bulk().flushInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(JobSettings.usage()).contains("FOOTFALL_DEDUP_TTL").containsPattern("--dedup-ttl +FOOTFALL_DEDUP_TTL +24h ");
        assertThat(JobSettings.usage()).as("the job falls back to a local directory, never memory")
                .doesNotContain("in memory").contains("local temporary directory");
        assertThat(defaults.toBuilder().set(JobSettings.SESSION_GAP, Duration.ofMinutes(10)).build().sessionGap())
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void shouldHandOnWhatWasSetAsFlagsThatReadBackToTheSameSettings() {
        JobSettings given = JobSettings.fromArgs(new String[] {"--session-gap", "45m", "--state-backend", "rocksdb",
                "--opensearch-user", "footfall", "--opensearch-password-file", "/run/secrets/pw", "--parallelism", "4"},
                Map.of("FOOTFALL_KAFKA_BOOTSTRAP", "kafka:9092", "FOOTFALL_BULK_FLUSH_INTERVAL", "250ms"));

        // Only what was set, in the table's order, durations in the one grammar.
        assertThat(given.toArgs()).containsExactly("--kafka-bootstrap", "kafka:9092", "--opensearch-user", "footfall",
                "--opensearch-password-file", "/run/secrets/pw", "--session-gap", "45m", "--state-backend", "rocksdb",
                "--parallelism", "4", "--bulk-flush-interval", "250ms");
        assertThat(JobSettings.fromArgs(given.toArgs().toArray(String[]::new), Map.of())).isEqualTo(given);
        assertThat(JobSettings.builder().build().toArgs()).isEmpty();
    }

    @Test
    void shouldNeverHandOnAPasswordAsAnArgument() {
        JobSettings withPassword = JobSettings.fromArgs(new String[0],
                Map.of("FOOTFALL_OPENSEARCH_USER", "admin", "FOOTFALL_OPENSEARCH_PASSWORD", "S3cret-pw"));
        assertThat(withPassword.toArgs()).containsExactly("--opensearch-user", "admin");
        assertThat(JobSettings.isSecret(JobSettings.OPENSEARCH_PASSWORD)).isTrue();
        assertThat(JobSettings.isSecret(JobSettings.OPENSEARCH_PASSWORD_FILE)).isFalse();
    }

    @Test
    void shouldTakeThePasswordOrAFileAndACaOrNoCheckButNotBoth() {
        JobSettings fromFile = JobSettings.fromArgs(new String[] {"--opensearch-user", "footfall",
                "--opensearch-password-file", "/run/secrets/pw", "--opensearch-ca-cert", "/etc/ca.pem"}, Map.of());
        assertThat(fromFile.openSearch().passwordFile()).isEqualTo("/run/secrets/pw");
        assertThat(fromFile.openSearch().password()).isNull();
        assertThat(fromFile.openSearch().caCertificate()).isEqualTo("/etc/ca.pem");
        assertThat(fromFile.openSearch().toString()).contains("/run/secrets/pw").contains("/etc/ca.pem");

        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--opensearch-user", "u", "--opensearch-password", "p",
                "--opensearch-password-file", "/f"}, Map.of())).hasMessageContaining("not both");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--opensearch-ca-cert", "/ca.pem",
                "--opensearch-trust-self-signed", "true"}, Map.of())).hasMessageContaining("not both");
        assertThatThrownBy(() -> JobSettings.fromArgs(new String[] {"--opensearch-password-file", "/f"}, Map.of()))
                .hasMessageContaining("user and password");
    }
}
