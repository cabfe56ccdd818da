package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly-once results through a failure. The same generated traffic (duplicates, out-of-order
 * events, late events that bridge sessions, bots, invalid records) runs twice: once undisturbed,
 * once with the job failing in the middle of the stream and restarting from its last checkpoint
 * (RocksDB state, so the selectable backend is exercised too). Both runs must index exactly what
 * an offline computation over the same traffic says: no event lost, none counted twice, no stale
 * session left behind by the run that failed.
 *
 * <p>Goals and funnels ride along ({@link OfflineConversions}): half the traffic is processed
 * under the first definitions, then a funnel in strict order and a goal are added while the job
 * runs (the failure comes after the change), and the rest follows. Both runs must store exactly the
 * attempts and conversions an offline reading of the traffic gives.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class FailureRecoveryITCase extends FootfallJobTestBase {

    private static final Instant T0 = Instant.parse("2026-03-03T08:00:00Z");
    private static final long GAP_MS = Duration.ofMinutes(30).toMillis();
    private static final String[] PATHS = {"/", "/pricing", "/docs", "/blog", "/signup"};

    /** One generated event, before it is written as a raw record. */
    record Generated(String visitor, String messageId, long time, boolean page, boolean interactive,
            String path, boolean bot) {
    }

    /** The raw records in arrival order, and how many of the hard cases they hold. */
    private record Arrivals(List<ProducerRecord<String, String>> records, int duplicates, int swaps, int bridges,
            int invalid) {
        @Override
        public String toString() {
            return records.size() + " records: " + duplicates + " duplicates, " + swaps + " swapped, " + bridges
                    + " bridging, " + invalid + " invalid";
        }
    }

    @Test
    void shouldIndexTheSameResultsWithAndWithoutAFailure(KafkaTestClient kafka, EmbeddedOpenSearch openSearch,
            OpenSearchTestClient search) throws Exception {
        installIndexTemplates(search);
        List<List<Generated>> traffic = generate(new Random(20260303L));

        Run clean = run("cleanrun", traffic, kafka, openSearch, search, false);
        Run failed = run("failrun", traffic, kafka, openSearch, search, true);

        assertThat(FailOnceSink.FAILED).as("the failure was injected").isTrue();
        assertThat(failed).isEqualTo(clean);
    }

    /** What a run stored: its sessions, rollups and events, and its goals and funnels. */
    private record Run(Expected pipeline, Set<String> conversions) {
    }

    private Run run(String site, List<List<Generated>> traffic, KafkaTestClient kafka,
            EmbeddedOpenSearch openSearch, OpenSearchTestClient search, boolean injectFailure) throws Exception {
        String topic = site + ".raw";
        kafka.createTopic(topic, 2);
        JobSettings settings = testSettings(kafka, openSearch, topic)
                .stateBackend(injectFailure ? JobSettings.StateBackend.ROCKSDB : JobSettings.StateBackend.HASHMAP)
                // The partitions are quiet while the test waits between the halves. Idle, the first
                // to read its part of the second half (and its clock) would carry event time alone,
                // hours past the other's events, which would then be too late for funnels.
                .sourceIdleness(Duration.ofMinutes(10))
                .build();
        kafka.createTopic(settings.invalidTopic(), 1);
        DefinitionsTopic definitions = new DefinitionsTopic(kafka.bootstrapServers(), settings.definitionsTopic());
        definitions.ensureExists();
        definitions.publish(Definitions.parse(OfflineConversions.BEFORE.formatted(site)).bySite());
        Arrivals arrivals = records(site, topic, traffic, new Random(7));
        // The traffic must hold every hard case, or a pass would prove little.
        assertThat(arrivals).as("%s", arrivals).satisfies(a -> {
            assertThat(a.duplicates()).isGreaterThanOrEqualTo(5);
            assertThat(a.swaps()).isGreaterThanOrEqualTo(5);
            assertThat(a.bridges()).isGreaterThanOrEqualTo(2);
            assertThat(a.invalid()).isPositive();
        });
        List<ProducerRecord<String, String>> records = arrivals.records();
        int half = records.size() / 2;
        Set<String> conversions = OfflineConversions.expected(traffic, records, half);
        assertThat(conversions).as("the traffic converts under every definition")
                .anyMatch(c -> c.startsWith("funnel Browse to signup") && c.endsWith("step 3"))
                .anyMatch(c -> c.startsWith("funnel Docs at once") && c.endsWith("step 2"))
                .anyMatch(c -> c.startsWith("goal Blog"))
                .anyMatch(c -> c.startsWith("goal Clicks"));

        FailOnceSink.reset();
        JobClient job = startJob(settings, documents -> injectFailure ? new FailOnceSink<>(documents, 50) : documents);
        try {
            kafka.produce(records.subList(0, half));
            awaitCommitted(kafka, settings.consumerGroup(), topic);

            // The definitions change, while the job runs; it is in force once the definitions'
            // offsets are committed: a checkpoint after every subtask applied it.
            definitions.publish(Definitions.parse(OfflineConversions.AFTER.formatted(site)).bySite());
            awaitCommitted(kafka, settings.consumerGroup() + "-definitions", settings.definitionsTopic());
            if (injectFailure) {
                // Two checkpoints under way means one completed after the change: there is state to
                // restart from, and the change is in it.
                int flushes = FailOnceSink.FLUSHES.get();
                await().atMost(DEADLINE).until(() -> FailOnceSink.FLUSHES.get() >= flushes + 4);
                FailOnceSink.arm();
            }
            kafka.produce(records.subList(half, records.size()));
            // Last in each partition: event time jumps hours ahead, so every session and window closes.
            kafka.produce(List.of(clock(topic, 0), clock(topic, 1)));

            Expected expected = Expected.of(site, traffic);
            eventually(() -> assertThat(Expected.indexed(search, site)).isEqualTo(expected));
            eventually(() -> assertThat(OfflineConversions.indexed(search, site)).isEqualTo(conversions));
            return new Run(expected, conversions);
        } finally {
            job.cancel().get();
        }
    }

    private static void awaitCommitted(KafkaTestClient kafka, String group, String topic) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> kafka.hasCommittedEverything(group, topic));
    }

    private static ProducerRecord<String, String> clock(String topic, int partition) {
        return new ProducerRecord<>(topic, partition, "clock/clock-" + partition, RawEvents.page("clock",
                "clock-" + partition, topic + "-clock-" + partition, T0.plus(Duration.ofHours(4)),
                "https://clock.example/").json());
    }

    /**
     * 40 visitors (2 of them crawlers) over 50 minutes, each visit split by a 31-35 minute pause
     * now and then. Everything stays within the allowed lateness, so no window is final before
     * the last record and the results do not depend on how fast the watermark moves.
     */
    private static List<List<Generated>> generate(Random random) {
        List<List<Generated>> visitors = new ArrayList<>();
        for (int v = 0; v < 40; v++) {
            String visitor = "visitor-" + v;
            boolean bot = v < 2;
            List<Generated> events = new ArrayList<>();
            long t = T0.toEpochMilli() + random.nextInt(600) * 1000L;
            long end = T0.toEpochMilli() + Duration.ofMinutes(50).toMillis();
            int count = 1 + random.nextInt(25);
            for (int i = 0; i < count && t < end; i++) {
                boolean page = random.nextInt(10) < 7;
                events.add(new Generated(visitor, visitor + "-" + i, t, page, !page && random.nextInt(4) > 0,
                        PATHS[random.nextInt(PATHS.length)], bot));
                t += random.nextInt(10) == 0 ? Duration.ofMinutes(31 + random.nextInt(5)).toMillis()
                        : (5 + random.nextInt(115)) * 1000L;
            }
            visitors.add(events);
        }
        return visitors;
    }

    /**
     * The raw records in arrival order: each visitor's events mostly in time order, some swapped
     * with their neighbour (out of order by seconds), some events from inside a long pause sent
     * last (late, bridging two sessions), some sent twice (client retries), and invalid records.
     */
    private static Arrivals records(String site, String topic, List<List<Generated>> traffic, Random random) {
        int duplicates = 0;
        int swaps = 0;
        int bridges = 0;
        int invalid = 0;
        List<List<String>> perVisitor = new ArrayList<>();
        for (List<Generated> events : traffic) {
            List<Generated> order = new ArrayList<>(events);
            for (int i = 0; i + 1 < order.size(); i++) {
                if (order.get(i + 1).time() - order.get(i).time() <= 20_000 && random.nextInt(5) == 0) {
                    Generated a = order.get(i);
                    order.set(i, order.get(i + 1));
                    order.set(i + 1, a);
                    swaps++;
                    i++;
                }
            }
            for (int i = 1; i + 1 < order.size(); i++) {
                Generated bridge = order.get(i);
                long before = events.get(Math.max(0, events.indexOf(bridge) - 1)).time();
                if (bridge.time() - before > 25 * 60_000L && random.nextBoolean()) {
                    order.remove(i);
                    order.add(bridge); // arrives after everything else of this visitor: late
                    bridges++;
                    break;
                }
            }
            List<String> json = new ArrayList<>();
            for (Generated e : order) {
                String record = raw(site, e);
                json.add(record);
                if (random.nextInt(20) == 0) {
                    json.add(record);
                    duplicates++;
                }
            }
            perVisitor.add(json);
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        int[] next = new int[perVisitor.size()];
        int remaining = perVisitor.stream().mapToInt(List::size).sum();
        while (remaining > 0) {
            int v = random.nextInt(perVisitor.size());
            if (next[v] < perVisitor.get(v).size()) {
                records.add(new ProducerRecord<>(topic, site + "/visitor-" + v, perVisitor.get(v).get(next[v]++)));
                remaining--;
                if (random.nextInt(150) == 0) {
                    records.add(new ProducerRecord<>(topic, site + "/broken", "{\"type\":\"page\",\"siteId\":\"" + site));
                    invalid++;
                }
            }
        }
        return new Arrivals(records, duplicates, swaps, bridges, invalid);
    }

    private static String raw(String site, Generated e) {
        String url = "https://shop.example" + e.path();
        RawEvents event = e.page()
                ? RawEvents.page(site, e.visitor(), e.messageId(), Instant.ofEpochMilli(e.time()), url)
                : RawEvents.track(site, e.visitor(), e.messageId(), Instant.ofEpochMilli(e.time()), "Clicked", url);
        if (!e.page() && !e.interactive()) {
            event.property("nonInteraction", 1);
        }
        return event.userAgent(e.bot() ? RawEvents.GOOGLEBOT : RawEvents.FIREFOX_MAC).json();
    }

    /**
     * What a run must index, computed offline from the traffic (sessions split where a visitor
     * paused 30 minutes or more), or read back from OpenSearch.
     */
    record Expected(int events, int sessions, int openSessions, int sessionPageviews, int bounces, long pageviews,
            long rollupEvents, long rollupSessions, long rollupBounces, boolean danglingSessionIds, List<String> staleVisitCopies) {

        static Expected of(String site, List<List<Generated>> traffic) {
            int events = 0;
            int sessions = 0;
            int pageviewsInSessions = 0;
            int bounces = 0;
            for (List<Generated> visitor : traffic) {
                List<Generated> byTime = new ArrayList<>(visitor);
                byTime.sort(Comparator.comparingLong(Generated::time));
                events += byTime.size();
                int pageviews = 0;
                int interactive = 0;
                long last = Long.MIN_VALUE;
                for (Generated e : byTime) {
                    if (last != Long.MIN_VALUE && e.time() - last >= GAP_MS) {
                        sessions++;
                        bounces += pageviews == 1 && interactive == 0 ? 1 : 0;
                        pageviews = 0;
                        interactive = 0;
                    }
                    last = e.time();
                    pageviews += e.page() ? 1 : 0;
                    interactive += e.interactive() ? 1 : 0;
                    pageviewsInSessions += e.page() ? 1 : 0;
                }
                if (!byTime.isEmpty()) {
                    sessions++;
                    bounces += pageviews == 1 && interactive == 0 ? 1 : 0;
                }
            }
            return new Expected(events, sessions, 0, pageviewsInSessions, bounces, pageviewsInSessions, events,
                    sessions, bounces, false, List.of());
        }

        static Expected indexed(OpenSearchTestClient search, String site) {
            Map<String, JsonNode> events = documents(search, IndexFamily.EVENTS, site);
            Map<String, JsonNode> sessions = documents(search, IndexFamily.SESSIONS, site);
            int open = 0;
            int pageviews = 0;
            int bounces = 0;
            for (JsonNode s : sessions.values()) {
                open += s.path("is_open").asBoolean() ? 1 : 0;
                pageviews += s.path("pageviews").asInt();
                bounces += s.path("is_bounce").asBoolean() ? 1 : 0;
            }
            boolean dangling = events.values().stream()
                    .anyMatch(e -> !sessions.containsKey(e.path("session_id").asText()));
            // Every event carries its visit's attributes: the entry page moves whenever a bridging
            // event merges a later session into an earlier one, so it shows a missed rewrite.
            List<String> stale = new ArrayList<>();
            events.forEach((id, e) -> {
                JsonNode s = sessions.get(e.path("session_id").asText());
                if (s != null && !(Objects.equals(text(e, "visit_entry_page"), text(s, "entry_page"))
                        && Objects.equals(text(e, "visit_source"), text(s, "source")))) {
                    stale.add(id);
                }
            });
            long rollupPageviews = 0;
            long rollupEvents = 0;
            long rollupSessions = 0;
            long rollupBounces = 0;
            for (JsonNode row : documents(search, IndexFamily.ROLLUPS, site).values()) {
                if (!row.path("dimension").asText().equals("site")) {
                    continue;
                }
                rollupPageviews += row.path("pageviews").asLong();
                rollupEvents += row.path("events").asLong();
                rollupSessions += row.path("sessions").asLong();
                rollupBounces += row.path("bounces").asLong();
            }
            return new Expected(events.size(), sessions.size(), open, pageviews, bounces, rollupPageviews,
                    rollupEvents, rollupSessions, rollupBounces, dangling, stale);
        }

        private static String text(JsonNode doc, String field) {
            JsonNode value = doc.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }
    }
}
