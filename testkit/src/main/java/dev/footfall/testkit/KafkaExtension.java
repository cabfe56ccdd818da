package dev.footfall.testkit;

import dev.footfall.embedded.EmbeddedKafka;

/**
 * Gives a test a real Kafka broker: one {@link EmbeddedKafka} per test JVM on a free port,
 * started by the first test class that asks and stopped (its data deleted) when the run ends.
 * Injects {@link EmbeddedKafka} and {@link KafkaTestClient} into constructors and methods.
 *
 * <pre>{@code
 * @ExtendWith(KafkaExtension.class)
 * class GatewayITCase {
 *     @Test
 *     void shouldWriteEvents(KafkaTestClient kafka) { ... }
 * }
 * }</pre>
 *
 * or, to reach the broker from static set-up code:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaExtension KAFKA = new KafkaExtension();
 * ... KAFKA.broker().bootstrapServers() ...
 * }</pre>
 *
 * Tests share the broker, so each should use topic names of its own.
 */
public final class KafkaExtension extends SharedServiceExtension<EmbeddedKafka, KafkaTestClient> {

    public KafkaExtension() {
        super(EmbeddedKafka.class, KafkaTestClient.class,
                // Tests replay scripted days in the past, and the job stamps a dead letter with its
                // record's receipt time: under the default 7-day retention, which the broker first
                // enforces 30 s after it starts, such a record would be deleted as soon as written.
                () -> EmbeddedKafka.builder().brokerProperty("log.retention.ms", "-1").build(),
                EmbeddedKafka::start, KafkaTestClient::new, "Kafka broker");
    }

    /** The shared broker; available once the extension's {@code beforeAll} has run. */
    public EmbeddedKafka broker() {
        return service();
    }
}
