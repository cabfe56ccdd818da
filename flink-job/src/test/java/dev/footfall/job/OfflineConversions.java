package dev.footfall.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.index.IndexDays;
import dev.footfall.index.IndexFamily;
import dev.footfall.job.FailureRecoveryITCase.Generated;
import dev.footfall.job.sketch.Hash64;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Goals and funnels in {@link FailureRecoveryITCase}: the definitions in force before and after the
 * change it makes while the job runs, what the job stored, and what an offline reading of the
 * generated traffic says it must store (the rules of docs/funnels.md). The first funnel and goal
 * cover everything (their state outlives the change), the added ones only the events delivered
 * after it.
 */
final class OfflineConversions {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String BEFORE = """
            {"goals": [{"site": "%1$s", "name": "Blog", "page": "/blog*"}],
             "funnels": [{"site": "%1$s", "name": "Browse to signup", "window": "30m",
                          "steps": [{"page": "/"}, {"page": "/pricing"}, {"page": "/signup"}]}]}""";
    static final String AFTER = """
            {"goals": [{"site": "%1$s", "name": "Blog", "page": "/blog*"},
                       {"site": "%1$s", "name": "Clicks", "event": "Clicked"}],
             "funnels": [{"site": "%1$s", "name": "Browse to signup", "window": "30m",
                          "steps": [{"page": "/"}, {"page": "/pricing"}, {"page": "/signup"}]},
                         {"site": "%1$s", "name": "Docs at once", "window": "10m", "order": "strict",
                          "steps": [{"page": "/"}, {"page": "/docs"}]}]}""";

    private OfflineConversions() {
    }

    /** Every attempt and conversion stored, one line each, without the site (it names the run). */
    static Set<String> indexed(OpenSearchTestClient search, String site) {
        Set<String> lines = new TreeSet<>();
        for (JsonNode a : FootfallJobTestBase.documents(search, IndexFamily.FUNNELS, site).values()) {
            List<String> times = new ArrayList<>();
            a.path("step_times").forEach(t -> times.add(t.asText()));
            lines.add("funnel " + a.path("funnel").asText() + " " + a.path("visitor_id").asText() + " " + times
                    + " step " + a.path("step_reached").asInt());
        }
        for (JsonNode g : FootfallJobTestBase.documents(search, IndexFamily.GOALS, site).values()) {
            lines.add("goal " + g.path("goal").asText() + " " + g.path("message_id").asText());
        }
        return lines;
    }

    /**
     * The offline reading: each person's events (duplicates dropped, bots left out) in time order,
     * attempts by the rules of docs/funnels.md. What was added by the change sees only the events
     * first delivered after it (the first half was processed before it).
     */
    static Set<String> expected(List<List<Generated>> traffic, List<ProducerRecord<String, String>> records,
            int half) {
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
