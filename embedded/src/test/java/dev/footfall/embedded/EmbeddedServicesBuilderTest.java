package dev.footfall.embedded;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedServicesBuilderTest {

    @Test
    void shouldRejectPortsOutsideTheTcpRange() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().port(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> EmbeddedOpenSearch.builder().httpPort(65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }

    @Test
    void shouldRejectMissingNamesAndValues() {
        assertThatThrownBy(() -> EmbeddedKafka.builder().brokerProperty("num.partitions", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("num.partitions");
        assertThatThrownBy(() -> EmbeddedOpenSearch.builder().clusterName(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clusterName");
    }

    @Test
    void shouldRefuseAddressesBeforeTheFirstStart() {
        try (EmbeddedKafka kafka = EmbeddedKafka.builder().build();
             EmbeddedOpenSearch search = EmbeddedOpenSearch.builder().build()) {
            assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not been started");
            assertThatThrownBy(search::httpUrl).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not been started");
        }
    }

    @Test
    void shouldNotRestartAfterClose() {
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        kafka.close();
        assertThatThrownBy(kafka::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
