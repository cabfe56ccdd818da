package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.footfall.embedded.EmbeddedKafka;
import dev.footfall.embedded.EmbeddedServiceException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping and starting a broker keeps its port and its data: what the fault tests (Kafka going
 * away while traffic flows) and the local mode (data kept across launches) rely on. These tests
 * run brokers of their own, not the shared one.
 */
class KafkaRestartITCase {

    @Test
    void shouldComeBackOnTheSamePortWithItsRecordsAfterStop() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.builder().build().start();
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000))) {
            KafkaTestClient kafka = new KafkaTestClient(broker);
            kafka.createTopic("restart-same-broker", 2);
            producer.send(new ProducerRecord<>("restart-same-broker", "visitor-1", "before stop")).get(60, TimeUnit.SECONDS);
            String address = broker.bootstrapServers();

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(accepts(broker.port())).as("port closed while stopped").isFalse();
            // A client that stays connected across the outage, as the gateway's producer will.
            Future<RecordMetadata> sentWhileDown = producer.send(
                    new ProducerRecord<>("restart-same-broker", "visitor-1", "sent while stopped"));
            broker.start();

            assertThat(broker.bootstrapServers()).isEqualTo(address);
            sentWhileDown.get(120, TimeUnit.SECONDS);
            kafka.produce("restart-same-broker", "visitor-1", "after restart");
            assertThat(kafka.consumeAtLeast("restart-same-broker", 3)).extracting(ConsumerRecord::value)
                    .containsExactly("before stop", "sent while stopped", "after restart");
        }
    }

    @Test
    void shouldReopenAKeptDataDirectoryInANewBroker(@TempDir Path kept) {
        try (EmbeddedKafka first = EmbeddedKafka.builder().dataDirectory(kept).build().start()) {
            KafkaTestClient kafka = new KafkaTestClient(first);
            kafka.createTopic("restart-kept-data", 1);
            kafka.produce("restart-kept-data", "visitor-1", "first launch");
        }
        assertThat(kept.resolve("kraft-logs/meta.properties")).exists();

        try (EmbeddedKafka second = EmbeddedKafka.builder().dataDirectory(kept).build().start()) {
            KafkaTestClient kafka = new KafkaTestClient(second);
            kafka.produce("restart-kept-data", "visitor-1", "second launch");

            List<ConsumerRecord<String, String>> records = kafka.consumeAtLeast("restart-kept-data", 2);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("first launch", "second launch");
        }
        assertThat(kept.resolve("kraft-logs/meta.properties")).exists();
    }

    @Test
    void shouldDeleteItsTemporaryDirectoryOnClose() {
        Path data;
        try (EmbeddedKafka broker = EmbeddedKafka.builder().build().start()) {
            data = broker.dataDirectory();
            assertThat(data.resolve("kraft-logs/meta.properties")).exists();
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void shouldFailReadablyWhenItsPortIsTaken() {
        try (EmbeddedKafka holder = EmbeddedKafka.builder().build().start();
             EmbeddedKafka second = EmbeddedKafka.builder().port(holder.port()).build()) {
            assertThatThrownBy(second::start)
                    .isInstanceOf(EmbeddedServiceException.class)
                    .hasMessageContaining("failed to start on " + holder.bootstrapServers());
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
