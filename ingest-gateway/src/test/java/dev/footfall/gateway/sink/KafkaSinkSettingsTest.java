package dev.footfall.gateway.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.gateway.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSinkSettingsTest {

    @Test
    void shouldProduceDurablyWithoutDuplicatesAndWithoutBlockingForLong() {
        Map<String, Object> producer = KafkaSink.describeProducer(GatewayConfig.reference());

        assertThat(producer).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "snappy")
                .containsEntry("max.block.ms", "100")
                .containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(Long.parseLong((String) producer.get("buffer.memory")))
                .as("the in-flight bound stays below the producer's buffer, so send() never waits for space")
                .isGreaterThan(33_554_432L);
    }

    @Test
    void shouldPassProducerOverridesThrough() {
        GatewayConfig config = GatewayConfig.reference().with("kafka.producer.client.rack", "eu-1");

        assertThat(KafkaSink.describeProducer(config)).containsEntry("client.rack", "eu-1");
    }
}
