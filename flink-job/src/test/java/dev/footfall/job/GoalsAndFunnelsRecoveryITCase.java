package dev.footfall.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexDays;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.FailureRecoveryITCase.Arrivals;
import dev.footfall.job.FailureRecoveryITCase.Generated;
import dev.footfall.job.sketch.Hash64;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Goals and funnels stay exact through a task failure and through a definitions change made while
 * the job runs. The generated traffic of {@link FailureRecoveryITCase} (duplicates, out-of-order
 * and late events, bots, invalid records) runs twice: undisturbed, and with a failure injected
 * after the change and a restart from the last checkpoint (RocksDB). In both runs, half the
 * traffic is processed under the first definitions, then a funnel in strict order and a goal are
 * added, and the rest follows. Both runs must write exactly what an offline reading of the
 * traffic gives: the first funnel and goal over everything (their state outlives the change), the
 * added ones over the events processed after it.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
class GoalsAndFunnelsRecoveryITCase extends FootfallJobTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String BEFORE = """
            {"goals": [{"site": "%1$s", "name": "Blog", "page": "/blog*"}],
             "funnels": [{"site": "%1$s", "name": "Browse to signup", "window": "30m",
                          "steps": [{"page": "/"}, {"page": "/pricing"}, {"page": "/signup"}]}]}""";
    private static final String AFTER = """
            {"goals": [{"site": "%1$s", "name": "Blog", "page": "/blog*"},
                       {"site": "%1$s", "name": "Clicks", "event": "Clicked"}],
             "funnels": [{"site": "%1$s", "name": "Browse to signup", "window": "30m",
                          "steps": [{"page": "/"}, {"page": "/pricing"}, {"page": "/signup"}]},
                         {"site": "%1$s", "name": "Docs at once", "window": "10m", "order": "strict",
                          "steps": [{"page": "/"}, {"page": "/docs"}]}]}""";

    @Test
    void shouldWriteTheSameGoalsAndFunnelsWithAndWithoutAFailureAcrossADefinitionsChange(KafkaTestClient kafka,
            EmbeddedOpenSearch openSearch, OpenSearchTestClient search) throws Exception {
        installIndexTemplates(search);
        List<List<Generated>> traffic = FailureRecoveryITCase.generate(new Random(20260303L));

        Set<String> clean = run("cleangoals", traffic, kafka, openSearch, search, false);
        Set<String> failed = run("failgoals", traffic, kafka, openSearch, search, true);

        assertThat(FailOnceSink.FAILED).as("the failure was injected").isTrue();
        assertThat(failed).isEqualTo(clean);
    }

    private Set<String> run(String site, List<List<Generated>> traffic, KafkaTestClient kafka,
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
        definitions.publish(Definitions.parse(BEFORE.formatted(site)).bySite());

        Arrivals arrivals = FailureRecoveryITCase.records(site, topic, traffic, new Random(7));
        List<ProducerRecord<String, String>> records = arrivals.records();
        int half = records.size() / 2;
        Set<String> expected = expected(site, traffic, records, half);
        assertThat(expected).as("the traffic converts under every definition")
                .anyMatch(s -> s.startsWith("funnel Browse to signup") && s.endsWith("step 3"))
                .anyMatch(s -> s.startsWith("funnel Docs at once") && s.endsWith("step 2"))
                .anyMatch(s -> s.startsWith("goal Blog"))
                .anyMatch(s -> s.startsWith("goal Clicks"));

        FailOnceSink.reset();
        JobClient job = startJob(settings, documents -> injectFailure ? new FailOnceSink<>(documents, 50) : documents);
        try {
            kafka.produce(records.subList(0, half));
            awaitCommitted(kafka, settings.consumerGroup(), topic);

            // The change, while the job runs; it is in force once the definitions' offsets are
            // committed: a checkpoint after every subtask applied it.
            definitions.publish(Definitions.parse(AFTER.formatted(site)).bySite());
            awaitCommitted(kafka, settings.consumerGroup() + "-definitions", settings.definitionsTopic());
            if (injectFailure) {
                int flushes = FailOnceSink.FLUSHES.get();
                await().atMost(DEADLINE).until(() -> FailOnceSink.FLUSHES.get() >= flushes + 4);
                FailOnceSink.arm();
            }
            kafka.produce(records.subList(half, records.size()));
            kafka.produce(List.of(FailureRecoveryITCase.clock(topic, 0), FailureRecoveryITCase.clock(topic, 1)));

            eventually(() -> assertThat(indexed(search, site)).isEqualTo(expected));
            return expected;
        } finally {
            job.cancel().get();
        }
    }

    private static void awaitCommitted(KafkaTestClient kafka, String group, String topic) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> kafka.hasCommittedEverything(group, topic));
    }

    /** Every attempt and conversion stored, one line each, without the site (it names the run). */
    private static Set<String> indexed(OpenSearchTestClient search, String site) {
        Set<String> lines = new TreeSet<>();
        for (JsonNode a : documents(search, IndexFamily.FUNNELS, site).values()) {
            List<String> times = new ArrayList<>();
            a.path("step_times").forEach(t -> times.add(t.asText()));
            lines.add("funnel " + a.path("funnel").asText() + " " + a.path("visitor_id").asText() + " " + times
                    + " step " + a.path("step_reached").asInt());
        }
        for (JsonNode g : documents(search, IndexFamily.GOALS, site).values()) {
            lines.add("goal " + g.path("goal").asText() + " " + g.path("message_id").asText());
        }
        return lines;
    }

    /**
     * The offline reading: each person's events (duplicates dropped, bots left out) in time order,
     * attempts by the rules of docs/funnels.md. What was added by the change sees only the events
     * first delivered after it (the first half was processed before it).
     */
    private static Set<String> expected(String site, List<List<Generated>> traffic,
            List<ProducerRecord<String, String>> records, int half) {
        Set<String> firstHalf = new HashSet<>();
        for (ProducerRecord<String, String> r : records.subList(0, half)) {
            firstHalf.add(messageId(r));
        }
        Set<String> lines = new TreeSet<>();
        for (List<Generated> visitor : traffic) {
            List<Generated> events = new ArrayList<>(visitor);
            events.removeIf(Generated::bot);
            events.sort(Comparator.comparingLong(Generated::time).thenComparingLong(e -> Hash64.of(e.messageId())));
            List<Generated> afterChange = new ArrayList<>(events);
            afterChange.removeIf(e -> firstHalf.contains(e.messageId()));

            attempts(events, List.of(page("/"), page("/pricing"), page("/signup")), 30, false)
                    .forEach(a -> lines.add("funnel Browse to signup " + visitor.get(0).visitor() + " " + a));
            attempts(afterChange, List.of(page("/"), page("/docs")), 10, true)
                    .forEach(a -> lines.add("funnel Docs at once " + visitor.get(0).visitor() + " " + a));
            events.stream().filter(e -> e.page() && e.path().startsWith("/blog"))
                    .forEach(e -> lines.add("goal Blog " + e.messageId()));
            afterChange.stream().filter(e -> !e.page())
                    .forEach(e -> lines.add("goal Clicks " + e.messageId()));
        }
        return lines;
    }

    private static Predicate<Generated> page(String path) {
        return e -> e.page() && e.path().equals(path);
    }

    /** The attempts of docs/funnels.md, read off the whole time-ordered list at once. */
    private static List<String> attempts(List<Generated> events, List<Predicate<Generated>> steps, int windowMinutes,
            boolean strict) {
        long window = Duration.ofMinutes(windowMinutes).toMillis();
        List<String> attempts = new ArrayList<>();
        List<Long> open = null;
        for (Generated e : events) {
            while (true) {
                if (open == null) {
                    if (steps.get(0).test(e)) {
                        open = new ArrayList<>(List.of(e.time()));
                    }
                    break;
                }
                if (e.time() > open.get(0) + window) {
                    attempts.add(describe(open));
                    open = null;
                    continue; // the event may start the next attempt
                }
                if (steps.get(open.size()).test(e)) {
                    open.add(e.time());
                    if (open.size() == steps.size()) {
                        attempts.add(describe(open));
                        open = null;
                    }
                    break;
                }
                if (strict) {
                    attempts.add(describe(open));
                    open = null;
                    continue;
                }
                break;
            }
        }
        if (open != null) {
            attempts.add(describe(open));
        }
        return attempts;
    }

    private static String describe(List<Long> stepTimes) {
        return stepTimes.stream().map(IndexDays::timestamp).toList() + " step " + stepTimes.size();
    }

    /** The record's message id; an invalid record has none (and is no event). */
    private static String messageId(ProducerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("messageId").asText();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
