package dev.footfall.bench.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.event.EventCodec;
import dev.footfall.event.EventRules;
import dev.footfall.event.EventType;
import dev.footfall.event.Outcome;
import dev.footfall.event.StrictJson;
import dev.footfall.event.TrackedEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic traffic is what the benchmarks claim: valid where it should be, with the stated mix. */
class SyntheticTrafficTest {

    private static final int RECORDS = 20_000;

    @Test
    void shouldWriteRecordsThatTheJobsRulesAcceptExceptTheInvalidOnes() {
        RawTopicTraffic traffic = new RawTopicTraffic(1, Instant.now().minus(Duration.ofHours(3)), 5, 2_000);
        EventRules rules = EventRules.defaults();
        int accepted = 0;
        int rejected = 0;
        Set<String> messageIds = new HashSet<>();
        int repeatedIds = 0;
        long lastTimestamp = Long.MIN_VALUE;
        for (int i = 0; i < RECORDS; i++) {
            RawTopicTraffic.Record r = traffic.next();
            assertThat(r.timestampMillis()).as("records come in receipt order").isGreaterThanOrEqualTo(lastTimestamp);
            lastTimestamp = r.timestampMillis();
            Outcome<TrackedEvent> outcome = EventCodec.fromRecord(r.value())
                    .then(e -> rules.checkRecord(e, r.value().length));
            if (outcome.isAccepted()) {
                accepted++;
                TrackedEvent event = outcome.value();
                assertThat(r.key()).isEqualTo(event.partitionKey());
                if (!messageIds.add(event.messageId())) {
                    repeatedIds++;
                }
            } else {
                rejected++;
            }
        }
        RawTopicTraffic.Counts counts = traffic.counts();
        assertThat(counts.records).isEqualTo(RECORDS);
        assertThat(rejected).isEqualTo(counts.invalid);
        assertThat(repeatedIds).isEqualTo(counts.duplicates);
        assertThat(accepted).isEqualTo(counts.uniqueValid + counts.duplicates);
        assertThat((double) counts.duplicates / RECORDS).isBetween(0.01, 0.03);
        assertThat((double) counts.invalid / RECORDS).isBetween(0.0002, 0.003);
        assertThat((double) counts.lateArrivals / RECORDS).isBetween(0.005, 0.02);
    }

    @Test
    void shouldMixPageViewsCustomEventsVisitorsAndBots() {
        TrafficModel model = new TrafficModel(2, Instant.now().minus(Duration.ofHours(1)), 5, 2_000);
        int pages = 0;
        int tracks = 0;
        int bots = 0;
        Set<String> visitors = new HashSet<>();
        Set<String> sites = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            SyntheticEvent e = model.next();
            if (e.isPage()) {
                pages++;
            } else {
                tracks++;
            }
            if (e.userAgent().contains("bot") || e.userAgent().startsWith("curl")) {
                bots++;
            }
            visitors.add(e.anonymousId());
            sites.add(e.site().id());
        }
        assertThat(pages).isGreaterThan(tracks * 2);
        assertThat(tracks).isGreaterThan(1_000);
        assertThat(bots).isBetween(50, 600);
        assertThat(visitors.size()).isGreaterThan(1_000);
        assertThat(sites).hasSize(BenchSites.ALL.size());
    }

    @Test
    void shouldWriteGatewayBodiesThatTheGatewaysCodecReads(@TempDir Path dir) throws Exception {
        Path singles = dir.resolve("single.ndjson");
        Path batches = dir.resolve("batch.ndjson");
        ClientBodies.writeSingles(singles, 200, 1);
        ClientBodies.writeBatches(batches, 10, 50, 2);
        EventRules rules = EventRules.defaults();
        for (String line : Files.readAllLines(singles)) {
            JsonNode node = StrictJson.parse(line.getBytes(StandardCharsets.UTF_8)).value();
            Outcome<TrackedEvent> outcome = EventCodec.fromClientJson(node, EventType.TRACK);
            assertThat(outcome.isAccepted()).as(line).isTrue();
        }
        List<String> lines = Files.readAllLines(batches);
        assertThat(lines).hasSize(10);
        for (String line : lines) {
            JsonNode batch = StrictJson.parse(line.getBytes(StandardCharsets.UTF_8)).value().path("batch");
            assertThat(batch).hasSize(50);
            for (JsonNode message : batch) {
                assertThat(EventCodec.fromClientJson(message, null).isAccepted()).as(message.toString()).isTrue();
            }
        }
        assertThat(rules).isNotNull();
    }
}
