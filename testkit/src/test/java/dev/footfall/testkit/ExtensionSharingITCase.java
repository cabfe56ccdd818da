package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedOpenSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every registration of the extensions, in every test class, gets the same running broker and
 * node: they start once per test JVM, not once per class or per extension instance.
 */
class ExtensionSharingITCase {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension
    static final KafkaExtension ANOTHER_KAFKA = new KafkaExtension();
    @RegisterExtension
    static final OpenSearchExtension OPENSEARCH = new OpenSearchExtension();

    private final EmbeddedKafka constructorBroker;

    ExtensionSharingITCase(EmbeddedKafka constructorBroker) {
        this.constructorBroker = constructorBroker;
    }

    @Test
    void shouldGiveEveryRegistrationTheSameRunningServices(EmbeddedKafka methodBroker, EmbeddedOpenSearch methodNode) {
        assertThat(KAFKA.broker()).isSameAs(ANOTHER_KAFKA.broker()).isSameAs(constructorBroker).isSameAs(methodBroker);
        assertThat(OPENSEARCH.node()).isSameAs(methodNode);
        assertThat(methodBroker.isRunning()).isTrue();
        assertThat(methodNode.isRunning()).isTrue();
    }

    @Test
    void shouldHandOutClientsBoundToTheSharedServices(KafkaTestClient kafka, OpenSearchTestClient search) {
        assertThat(kafka.bootstrapServers()).isEqualTo(KAFKA.broker().bootstrapServers());
        assertThat(search.request("GET", "/_cluster/health", null).path("number_of_nodes").asInt()).isEqualTo(1);
    }
}
