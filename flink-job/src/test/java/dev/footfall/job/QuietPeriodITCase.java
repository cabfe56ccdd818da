package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A site that goes quiet: nothing arrives after one visit, in any partition. Event time must
 * still move on with the clock, so the visit's session closes (a bounce, counted in its rollup
 * row) about a session gap after its only event, not whenever the next visitor comes.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class QuietPeriodITCase extends FootfallJobTestBase {

    private static final String SITE = "quietsite";

    @Test
    void shouldCloseTheLastSessionWhileNothingElseArrives(KafkaTestClient kafka, EmbeddedOpenSearch openSearch,
            OpenSearchTestClient search) throws Exception {
        installIndexTemplates(search);
        String topic = "quiet.raw";
        kafka.createTopic(topic, 2);
        JobSettings settings = testSettings(kafka, openSearch, topic)
                .sessionGap(Duration.ofSeconds(3))
                .outOfOrderness(Duration.ofSeconds(1))
                .sourceIdleness(Duration.ofSeconds(1))
                .clockAfterQuiet(Duration.ofSeconds(2))
                .allowedLateness(Duration.ofMinutes(2))
                .build();
        kafka.createTopic(settings.invalidTopic(), 1);

        JobClient job = startJob(settings);
        try {
            Instant now = Instant.now();
            kafka.produce(java.util.List.of(new ProducerRecord<>(topic, 0, SITE + "/v1",
                    RawEvents.page(SITE, "v1", "quiet-1", now, "https://quiet.example/").json())));

            eventually(() -> {
                Map<String, JsonNode> sessions = documents(search, IndexFamily.SESSIONS, SITE);
                assertThat(sessions).hasSize(1);
                JsonNode session = sessions.values().iterator().next();
                assertThat(session.path("is_open").asBoolean(true)).as("closed with nothing after it").isFalse();
                assertThat(session.path("events").asInt()).isEqualTo(1);
            });
            eventually(() -> assertThat(documents(search, IndexFamily.ROLLUPS, SITE).values())
                    .anySatisfy(row -> assertThat(row.path("bounces").asLong()).isEqualTo(1)));
        } finally {
            job.cancel().get();
        }
    }

}
