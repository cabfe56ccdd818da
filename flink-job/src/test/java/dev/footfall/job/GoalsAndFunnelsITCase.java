package dev.footfall.job;

import static dev.footfall.job.RawEvents.GOOGLEBOT;
import static dev.footfall.job.RawEvents.page;
import static dev.footfall.job.RawEvents.track;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.DocumentIds;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.footfall.job.sink.OpenSearchSinks;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The signup funnel of docs/funnels.md, in ordered and in strict order side by side, and two goals,
 * on the real job (Kafka, a MiniCluster at parallelism 2, OpenSearch with the strict templates).
 * The definitions are applied to their topic before the job starts, as {@code footfall
 * definitions apply} does. Each step's visitors and each goal's events and visitors are read with
 * the queries of docs/funnels.md and compared with counts worked out by hand below.
 *
 * <p>The visitors (2026-03-04, UTC; the funnel is / → /pricing → "Signed Up", window 30 minutes):
 * <pre>
 *  v1  /  10:00, /pricing 10:02, Signed Up 10:05                          completes all three steps
 *  v2  /  10:01, /pricing 10:03, /pricing/enterprise 10:04                stops at step 2
 *  v3  /pricing 10:02, / 10:04                                            sees /pricing before /
 *  v4  /  10:05, Signed Up 10:07                                          signs up without /pricing
 *  v5  Signed Up (plan free) 10:10                                        only signs up
 *  v6  /  10:00, /pricing 10:45                                           step 2 is 45 min after step 1
 *  v7  /  10:20, Signed Up 10:25, then, once time is past 10:49,
 *      /pricing 10:22 (late)                                              a late event completes it
 *  v8  /  10:30, /pricing 10:31 (sent twice), Signed Up 10:32 (twice)     a client retry, same messageId
 *  v9  /  10:00, /pricing 10:01, Signed Up 10:02, as Googlebot            a bot never counts
 *  v10 /  10:10, /docs 10:11, /pricing 10:12, Signed Up 10:13             a detour: ordered yes, strict no
 * </pre>
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class GoalsAndFunnelsITCase extends FootfallJobTestBase {

    private static final String TOPIC = "conversions.raw";
    private static final String SITE = "funnelshop";
    private static final String DAY = "2026-03-04";
    private static final String URL = "https://funnel.example";

    static final String DEFINITIONS = """
            {"goals": [
               {"site": "funnelshop", "name": "Signup", "event": "Signed Up", "props": {"plan": "pro"}},
               {"site": "funnelshop", "name": "Saw pricing", "page": "/pricing*"}],
             "funnels": [
               {"site": "funnelshop", "name": "Signup flow", "window": "30m", "order": "ordered",
                "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]},
               {"site": "funnelshop", "name": "Signup flow, strict", "window": "30m", "order": "strict",
                "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]}]}
            """;

    private static Instant at(String hhmm) {
        return Instant.parse(DAY + "T" + hhmm + ":00Z");
    }

    private static ProducerRecord<String, String> view(String visitor, String id, String hhmm, String path) {
        return record(visitor, page(SITE, visitor, id, at(hhmm), URL + path));
    }

    private static ProducerRecord<String, String> signup(String visitor, String id, String hhmm, String plan) {
        return record(visitor, track(SITE, visitor, id, at(hhmm), "Signed Up", URL + "/signup").property("plan", plan));
    }

    private static ProducerRecord<String, String> record(String visitor, RawEvents event) {
        if (visitor.equals("v9")) {
            event.userAgent(GOOGLEBOT);
        }
        // Keyed like the gateway's records: a visitor's events share a partition, in this order.
        return new ProducerRecord<>(TOPIC, SITE + "/" + visitor, event.json());
    }

    private static ProducerRecord<String, String> clock(int partition, String id, String hhmm) {
        return new ProducerRecord<>(TOPIC, partition, "clock/clock-" + partition,
                page("clock", "clock-" + partition, id, at(hhmm), "https://clock.example/").json());
    }

    /**
     * Live first: the counts worked out by hand. Then the live job stops, its goal and funnel
     * documents are deleted, and a backfill over the same raw topic must write them again, id for
     * id and field for field.
     */
    @Test
    void shouldCountAsWorkedOutByHandAndBackfillTheSameDocuments(KafkaTestClient kafka,
            EmbeddedOpenSearch openSearch, OpenSearchTestClient search) throws Exception {
        Instant started = Instant.now();
        installIndexTemplates(search);
        kafka.createTopic(TOPIC, 2);
        // Quiet partitions while the test waits must not go idle: event time then moves only as both
        // partitions' clocks say, whichever is read first.
        JobSettings settings = testSettings(kafka, openSearch, TOPIC).sourceIdleness(Duration.ofMinutes(10)).build();
        kafka.createTopic(settings.invalidTopic(), 1);
        DefinitionsTopic definitions = new DefinitionsTopic(kafka.bootstrapServers(), settings.definitionsTopic());
        definitions.ensureExists();
        definitions.publish(Definitions.parse(DEFINITIONS).bySite());

        Map<String, JsonNode> liveAttempts;
        Map<String, JsonNode> liveConversions;
        JobClient job = startJob(settings);
        try {
            kafka.produce(List.of(
                    view("v1", "v1-1", "10:00", "/"), view("v1", "v1-2", "10:02", "/pricing"),
                    signup("v1", "v1-3", "10:05", "pro"),
                    view("v2", "v2-1", "10:01", "/"), view("v2", "v2-2", "10:03", "/pricing"),
                    view("v2", "v2-3", "10:04", "/pricing/enterprise"),
                    view("v3", "v3-1", "10:02", "/pricing"), view("v3", "v3-2", "10:04", "/"),
                    view("v4", "v4-1", "10:05", "/"), signup("v4", "v4-2", "10:07", "pro"),
                    signup("v5", "v5-1", "10:10", "free"),
                    view("v6", "v6-1", "10:00", "/"), view("v6", "v6-2", "10:45", "/pricing"),
                    view("v7", "v7-1", "10:20", "/"), signup("v7", "v7-3", "10:25", "pro"),
                    view("v8", "v8-1", "10:30", "/"), view("v8", "v8-2", "10:31", "/pricing"),
                    view("v8", "v8-2", "10:31", "/pricing"),
                    signup("v8", "v8-3", "10:32", "pro"), signup("v8", "v8-3", "10:32", "pro"),
                    view("v9", "v9-1", "10:00", "/"), view("v9", "v9-2", "10:01", "/pricing"),
                    signup("v9", "v9-3", "10:02", "pro"),
                    view("v10", "v10-1", "10:10", "/"), view("v10", "v10-2", "10:11", "/docs"),
                    view("v10", "v10-3", "10:12", "/pricing"), signup("v10", "v10-4", "10:13", "pro"),
                    view("w", "w-1", "10:00", "/blog"),
                    clock(0, "k0", "10:50"), clock(1, "k1", "10:50")));

            // w's session closes once event time passes 10:30: from then on, v7's /pricing at 10:22
            // is late (it is still within the 1-hour allowed lateness).
            String witness = DocumentIds.sessionId(SITE, "w", "w-1");
            eventually(() -> {
                JsonNode session = documents(search, IndexFamily.SESSIONS, SITE).get(witness);
                assertThat(session).as("w's session").isNotNull();
                assertThat(session.path("is_open").asBoolean()).as("w's session is open").isFalse();
            });
            kafka.produce(List.of(view("v7", "v7-2", "10:22", "/pricing"),
                    clock(0, "k2", "10:55"), clock(1, "k3", "10:55")));

            String from = DAY + "T00:00:00Z";
            String to = DAY + "T23:59:59Z";
            Definitions parsed = Definitions.parse(DEFINITIONS);
            // Ordered: step 1 = v1 v2 v3 v4 v6 v7 v8 v10 = 8 (v5 never entered, v9 is a bot);
            // step 2 = v1 v2 v7 v8 v10 = 5 (v3's /pricing came before its /, v4 skipped it, v6's
            // came after 45 > 30 minutes); step 3 = v1 v7 v8 v10 = 4 (v2 never signed up).
            eventually(() -> assertThat(ConversionQueries.funnelVisitors(search, SITE,
                    parsed.funnels().get(0).id(), 3, from, to)).containsExactly(8L, 5L, 4L));
            // Strict: the same 8 enter; step 2 = v1 v2 v7 v8 = 4 (v10's /docs stands between / and
            // /pricing); step 3 = v1 v7 v8 = 3.
            eventually(() -> assertThat(ConversionQueries.funnelVisitors(search, SITE,
                    parsed.funnels().get(1).id(), 3, from, to)).containsExactly(8L, 4L, 3L));
            // Signup (plan pro): v1 v4 v7 v8 v10 = 5 events of 5 visitors (v5's plan is free, v8's
            // retry was dropped, v9 is a bot). Saw pricing (/pricing*): v1 v2 v2 v3 v6 v7 v8 v10 =
            // 8 events (v2 twice) of 7 visitors.
            eventually(() -> assertThat(ConversionQueries.goals(search, SITE, from, to)).isEqualTo(Map.of(
                    "Signup", List.of(5L, 5L), "Saw pricing", List.of(8L, 7L))));

            // One attempt per visitor who entered, per funnel: 8 + 8, none left over by the late
            // event (v7's attempt was rewritten in place) or by the retry.
            Map<String, JsonNode> attempts = documents(search, IndexFamily.FUNNELS, SITE);
            assertThat(attempts).hasSize(16);
            assertThat(attempts.values()).filteredOn(a -> a.path("visitor_id").asText().equals("v7"))
                    .allSatisfy(a -> {
                        assertThat(a.path("step_reached").asInt()).isEqualTo(3);
                        assertThat(a.path("step_times").toString()).isEqualTo("[\"" + DAY + "T10:20:00.000Z\",\""
                                + DAY + "T10:22:00.000Z\",\"" + DAY + "T10:25:00.000Z\"]");
                    });
            assertThat(attempts.values()).noneMatch(a -> a.path("visitor_id").asText().equals("v9"));
            liveAttempts = attempts;
            liveConversions = documents(search, IndexFamily.GOALS, SITE);
        } finally {
            job.cancel().get();
        }

        search.request("POST", "/" + IndexFamily.FUNNELS.indexPattern() + "," + IndexFamily.GOALS.indexPattern() + "/_delete_by_query?refresh=true",
                "{\"query\": {\"term\": {\"site_id\": \"" + SITE + "\"}}}");
        assertThat(documents(search, IndexFamily.FUNNELS, SITE)).isEmpty();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        JobEnvironment.configure(env, settings);
        BackfillJob.build(env, BackfillJob.rawSince(settings, started.minusSeconds(60)), Definitions.parse(DEFINITIONS),
                settings, OpenSearchSinks.create(settings.openSearch(), settings.bulk()));
        env.execute(BackfillJob.JOB_NAME); // bounded: returns once everything is written

        assertThat(documents(search, IndexFamily.FUNNELS, SITE)).isEqualTo(liveAttempts);
        assertThat(documents(search, IndexFamily.GOALS, SITE)).isEqualTo(liveConversions);
    }
}
