package dev.footfall.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Produces and consumes through the real embedded broker the extension provides. */
@ExtendWith(KafkaExtension.class)
class KafkaSmokeITCase {

    private final KafkaTestClient kafka;

    KafkaSmokeITCase(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    @Test
    void shouldDeliverExactlyTheProducedValues() {
        kafka.createTopic("smoke-values", 1);
        String json = "{\"event\":\"Signed Up\",\"properties\":{\"plan\":\"pro\",\"city\":\"Zürich\",\"price\":\"€9\",\"mood\":\"😀\"}}";
        List<ProducerRecord<String, String>> sent = List.of(
                new ProducerRecord<>("smoke-values", "visitor-1", json),
                new ProducerRecord<>("smoke-values", "visitor-2", ""),
                new ProducerRecord<>("smoke-values", null, "no key"));

        kafka.produce(sent);
        List<ConsumerRecord<String, String>> received = kafka.consumeAtLeast("smoke-values", 3);

        assertThat(received).extracting(ConsumerRecord::key).containsExactly("visitor-1", "visitor-2", null);
        assertThat(received).extracting(ConsumerRecord::value).containsExactly(json, "", "no key");
    }

    @Test
    void shouldKeepEachKeysOrderWithinItsPartition() {
        kafka.createTopic("smoke-ordering", 3);
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        for (int sequence = 0; sequence < 30; sequence++) {
            String visitor = "visitor-" + (sequence % 3);
            sent.add(new ProducerRecord<>("smoke-ordering", visitor, visitor + "#" + sequence));
        }

        kafka.produce(sent);
        List<ConsumerRecord<String, String>> received = kafka.consumeAtLeast("smoke-ordering", 30);

        assertThat(received).hasSize(30);
        Map<String, List<ConsumerRecord<String, String>>> byVisitor = received.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new, Collectors.toList()));
        assertThat(byVisitor.get("visitor-0")).extracting(ConsumerRecord::value).containsExactly(
                "visitor-0#0", "visitor-0#3", "visitor-0#6", "visitor-0#9", "visitor-0#12",
                "visitor-0#15", "visitor-0#18", "visitor-0#21", "visitor-0#24", "visitor-0#27");
        assertThat(byVisitor.get("visitor-1")).extracting(ConsumerRecord::value).containsExactly(
                "visitor-1#1", "visitor-1#4", "visitor-1#7", "visitor-1#10", "visitor-1#13",
                "visitor-1#16", "visitor-1#19", "visitor-1#22", "visitor-1#25", "visitor-1#28");
        assertThat(byVisitor.get("visitor-2")).extracting(ConsumerRecord::value).containsExactly(
                "visitor-2#2", "visitor-2#5", "visitor-2#8", "visitor-2#11", "visitor-2#14",
                "visitor-2#17", "visitor-2#20", "visitor-2#23", "visitor-2#26", "visitor-2#29");
        byVisitor.forEach((visitor, records) ->
                assertThat(records).extracting(ConsumerRecord::partition).as("partitions of %s", visitor).containsOnly(records.get(0).partition()));
    }

    @Test
    void shouldTreatCreatingAnExistingTopicAsDone() {
        kafka.createTopic("smoke-idempotent", 2);
        kafka.produce("smoke-idempotent", "k", "kept");

        kafka.createTopic("smoke-idempotent", 2);

        assertThat(kafka.consumeAtLeast("smoke-idempotent", 1)).extracting(ConsumerRecord::value).containsExactly("kept");
    }
}
