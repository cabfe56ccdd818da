package dev.footfall.gateway;

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

class GatewayConfigTest {

    @Test
    void shouldHaveTheDocumentedDefaults() {
        GatewayConfig config = GatewayConfig.reference();

        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.kafkaBootstrap()).isEqualTo("localhost:9092");
        assertThat(config.rawTopic()).isEqualTo("footfall.raw");
        assertThat(config.maxRequestBytes()).isEqualTo(512_000);
        assertThat(config.kafkaDeadline()).isEqualTo(Duration.ofSeconds(6));
        assertThat(config.kafkaDeadline().toMillis())
                .as("the producer reports every record's fate before the deadline, so a 503 means not stored")
                .isGreaterThan(config.kafkaDeliveryTimeoutMs());
        assertThat(config.trustedProxies()).isEmpty();
        assertThat(config.staticDir()).isNull();
        assertThat(config.sites().isEmpty()).isTrue();
    }

    @Test
    void shouldTakeAPathPrefixAndAScriptAliasThatAProxyCanPassOnUnchanged() {
        GatewayConfig config = GatewayConfig.reference().with("http.path.prefix", "/stats/v2").with("tracker.alias", "p.js");
        assertThat(config.httpPathPrefix()).isEqualTo("/stats/v2");
        assertThat(config.trackerAlias()).isEqualTo("p.js");
        assertThat(GatewayConfig.reference().httpPathPrefix()).isEmpty();
        assertThat(GatewayConfig.reference().trackerAlias()).isEmpty();

        for (String prefix : new String[] {"stats", "/stats/", "/", "//stats", "/st ats", "/stats/../admin", "/./x", "/st%41ts", "/stats?x"}) {
            assertThatThrownBy(() -> GatewayConfig.reference().with("http.path.prefix", prefix)).as(prefix)
                    .hasMessageContaining("'http.path.prefix'").hasMessageContaining("FOOTFALL_HTTP_PATH_PREFIX");
        }
        for (String alias : new String[] {"p", "js/p.js", "footfall.js", ".js", "p.js?x", "../p.js"}) {
            assertThatThrownBy(() -> GatewayConfig.reference().with("tracker.alias", alias)).as(alias)
                    .hasMessageContaining("'tracker.alias'").hasMessageContaining("FOOTFALL_TRACKER_ALIAS");
        }
    }

    @Test
    void shouldNameEachKeysEnvironmentVariableMechanically() {
        assertThat(GatewayConfig.envName("http.port")).isEqualTo("FOOTFALL_HTTP_PORT");
        assertThat(GatewayConfig.envName("kafka.bootstrap")).isEqualTo("FOOTFALL_KAFKA_BOOTSTRAP");
        assertThat(GatewayConfig.envName("raw.topic")).isEqualTo("FOOTFALL_RAW_TOPIC");
        assertThat(GatewayConfig.envName("trusted.proxies")).isEqualTo("FOOTFALL_TRUSTED_PROXIES");
        assertThat(GatewayConfig.envName("sites.file")).isEqualTo("FOOTFALL_SITES_FILE");
        assertThat(GatewayConfig.envName("salt.dir")).isEqualTo("FOOTFALL_SALT_DIR");
        assertThat(GatewayConfig.envName("static.dir")).isEqualTo("FOOTFALL_STATIC_DIR");
        assertThat(GatewayConfig.envName("http.host")).isEqualTo("FOOTFALL_HTTP_HOST");
    }

    @Test
    void shouldLayerFileThenEnvironmentThenSystemProperties(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gateway.properties");
        Files.writeString(file, "http.port=7000\nraw.topic=from-file\nkafka.linger.ms=9\n");
        Path sitesFile = dir.resolve("sites.json");
        Files.writeString(sitesFile, "{\"sites\":[{\"id\":\"local\",\"writeKeys\":[\"wk_1\"],\"allowedOrigins\":[]}]}");
        Properties system = new Properties();
        system.setProperty("footfall.raw.topic", "from-property");
        system.setProperty("unrelated.property", "ignored");

        GatewayConfig config = GatewayConfig.load(Map.of(
                "FOOTFALL_CONFIG_FILE", file.toString(),
                "FOOTFALL_HTTP_PORT", "7001",
                "FOOTFALL_RAW_TOPIC", "from-env",
                "FOOTFALL_SITES_FILE", sitesFile.toString(),
                "FOOTFALL_TRUSTED_PROXIES", "10.0.0.0/8, ::1"), system);

        assertThat(config.httpPort()).as("environment over file").isEqualTo(7001);
        assertThat(config.rawTopic()).as("system property over environment").isEqualTo("from-property");
        assertThat(config.kafkaLingerMs()).as("file over reference").isEqualTo(9);
        assertThat(config.trustedProxies()).hasSize(2);
        assertThat(config.sites().byWriteKey("wk_1").id()).isEqualTo("local");
    }

    @Test
    void shouldRefuseUnknownKeysAndBadValuesNamingTheKeyAndItsVariable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("typo.properties");
        Files.writeString(file, "http.prot=7000\n");

        assertThatThrownBy(() -> GatewayConfig.load(Map.of("FOOTFALL_CONFIG_FILE", file.toString()), new Properties()))
                .hasMessageContaining("unknown configuration key 'http.prot'");
        assertThatThrownBy(() -> GatewayConfig.load(Map.of("FOOTFALL_HTTP_PORT", "eighty"), new Properties()))
                .hasMessageContaining("'http.port'").hasMessageContaining("FOOTFALL_HTTP_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> GatewayConfig.reference().with("kafka.compression", "lz4"))
                .hasMessageContaining("one of none, gzip, snappy, zstd");
        assertThatThrownBy(() -> GatewayConfig.reference().with("trusted.proxies", "10.0.0.0/40"))
                .hasMessageContaining("FOOTFALL_TRUSTED_PROXIES");
        assertThatThrownBy(() -> GatewayConfig.reference().with("sites.file", dir.resolve("missing.json").toString()))
                .hasMessageContaining("missing.json");
    }

    @Test
    void shouldStopAtStartUpOnASitesFileWhoseTimeZoneIsNone(@TempDir Path dir) throws IOException {
        Path sitesFile = dir.resolve("sites.json");
        Files.writeString(sitesFile, "{\"sites\":[{\"id\":\"shop\",\"writeKeys\":[\"wk_1\"],\"timezone\":\"Mars/Olympus\"}]}");

        assertThatThrownBy(() -> GatewayConfig.reference().with("sites.file", sitesFile.toString()))
                .hasMessageContaining("FOOTFALL_SITES_FILE").hasMessageContaining("site 'shop'").hasMessageContaining("'Mars/Olympus'");
    }

    @Test
    void shouldRefuseADeadlineThatDoesNotOutlastTheProducersDeliveryTimeout() {
        // 5000 ms delivery timeout (the default) and a 3000 ms deadline: a request could get 503 while
        // the producer still retries its records, so a 503 would no longer mean "not stored".
        assertThatThrownBy(() -> GatewayConfig.reference().with("kafka.deadline.ms", "3000"))
                .hasMessageContaining("'kafka.deadline.ms'").hasMessageContaining("FOOTFALL_KAFKA_DEADLINE_MS")
                .hasMessageContaining("kafka.delivery.timeout.ms").hasMessageContaining("FOOTFALL_KAFKA_DELIVERY_TIMEOUT_MS");
        assertThatThrownBy(() -> GatewayConfig.reference().with("kafka.deadline.ms", "5000"))
                .as("equal is not enough: the fate must be known before the deadline").hasMessageContaining("kafka.deadline.ms");
        // Lowered together, as the configuration guide's example does: 4000 < 5000.
        assertThat(GatewayConfig.reference().with(Map.of("kafka.request.timeout.ms", "3000",
                "kafka.delivery.timeout.ms", "4000", "kafka.deadline.ms", "5000")).kafkaDeadline())
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldAcceptTheConfigurationGuidesExtendedExample() throws IOException {
        String guide = Files.readString(Path.of("../docs/configuration.md"));
        String example = guide.substring(guide.indexOf("```properties", guide.indexOf("Extended, as a config file")));
        example = example.substring("```properties".length(), example.indexOf("```", 3));
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(example));
        Map<String, String> values = new java.util.HashMap<>();
        // The example's sites file lives on the reader's machine, not this one.
        properties.stringPropertyNames().stream().filter(key -> !key.equals("sites.file"))
                .forEach(key -> values.put(key, properties.getProperty(key)));

        GatewayConfig config = GatewayConfig.reference().with(values);
        assertThat(config.kafkaDeadline()).isEqualTo(Duration.ofMillis(5000));
        assertThat(config.producerOverrides()).containsEntry("security.protocol", "SSL");
    }

    @Test
    void shouldDocumentEveryKeyInTheConfigurationGuide() throws IOException {
        String guide = Files.readString(Path.of("../docs/configuration.md"));

        for (String key : GatewayConfig.reference().asMap().keySet()) {
            assertThat(guide).as("docs/configuration.md documents " + key)
                    .contains("`" + key + "`").contains("`" + GatewayConfig.envName(key) + "`");
        }
    }
}
