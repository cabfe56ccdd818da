package dev.footfall.testkit;

import dev.footfall.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    private volatile EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = sharedBroker(context);
    }

    /** The shared broker; available once the extension's {@code beforeAll} has run. */
    public EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException("The Kafka broker is started in beforeAll; ask for it from a test or a @BeforeAll method");
        }
        return broker;
    }

    public KafkaTestClient client() {
        return new KafkaTestClient(broker());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return (type == EmbeddedKafka.class || type == KafkaTestClient.class)
                && SharedServices.claimsResolution(context, this);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedKafka shared = sharedBroker(context);
        return parameter.getParameter().getType() == EmbeddedKafka.class ? shared : new KafkaTestClient(shared);
    }

    private static EmbeddedKafka sharedBroker(ExtensionContext context) {
        return SharedServices.getOrStart(context, EmbeddedKafka.class,
                // Tests replay scripted days in the past, and the job stamps a dead letter with its
                // record's receipt time: under the default 7-day retention, which the broker first
                // enforces 30 s after it starts, such a record would be deleted as soon as written.
                () -> EmbeddedKafka.builder().brokerProperty("log.retention.ms", "-1").build(),
                EmbeddedKafka::start);
    }
}
