package dev.footfall.local.dashboards;

import static dev.footfall.dashboards.data.ShippedPanels.FILE;
import static dev.footfall.dashboards.data.ShippedPanels.REALTIME;
import static dev.footfall.local.dashboards.ScriptedTraffic.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.data.ShippedPanels;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.dashboards.translate.SavedVisualization;
import dev.footfall.dashboards.translate.TimeRange;
import dev.footfall.dashboards.translate.TranslatedSearch;
import dev.footfall.dashboards.translate.VisualizationTranslator;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.job.FootfallJob;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.job.sink.OpenSearchConnection;
import dev.footfall.job.sink.OpenSearchSinks;
import dev.footfall.local.dashboards.ScriptedTraffic.Event;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.geoip.TinyMaxMindDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dashboards on what the real Flink job writes: the scripted traffic of {@link ScriptedTraffic}
 * goes into Kafka as raw-topic records, {@link FootfallJob#forSettings} (Kafka source, OpenSearch
 * sinks, dead-letter topic) runs it on a MiniCluster at parallelism 2 into a real OpenSearch node
 * that holds the shipped index templates, and every visualization of the shipped saved objects,
 * translated to the request OpenSearch Dashboards sends, must show the rows worked out by hand
 * below. The counterpart of the dashboards module's DashboardDataITCase, which runs the same
 * panels on hand-written documents.
 *
 * <p>Only the ingestion lag is not known in advance (processing time minus receipt time): its rows
 * must lie between what the wall clock allows, from the job's start to the end of its output.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsOnJobOutputITCase {

    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String TOPIC = "dashboards-on-job-output.raw";
    /** Markdown panels: text, no index, nothing to query. Every other panel must show data here. */
    private static final Set<String> TEXT_ONLY = Set.of("footfall-traffic-about", "footfall-events-about",
            "footfall-health-about", "footfall-goals-funnels-about");
    /**
     * The shop's goals and funnels, in force before the job starts. What they match in the story:
     * Saw pricing anna 1:40, ben 4:00 and 19:50, cara 19:10, dan 2:10 (late for funnels, but a late
     * event still converts its goals); Signup anna 2:30 (its retry dropped); Bought ben 19:20.
     * Pricing to signup: anna / 1:00, /pricing 1:40, "Signed Up" 2:30 (step 3); ben / 19:00,
     * /pricing 19:50, 50 seconds later (step 2; his /pricing at 4:00 came before any /); cara never
     * saw /. Blog to scroll: cara /blog 6:00, "Scrolled" 7:00 (step 2).
     */
    private static final String DEFINITIONS = """
            {"goals": [
               {"site": "shop", "name": "Saw pricing", "page": "/pricing"},
               {"site": "shop", "name": "Signup", "event": "Signed Up"},
               {"site": "shop", "name": "Bought", "event": "Clicked Buy", "props": {"plan": "team"}}],
             "funnels": [
               {"site": "shop", "name": "Pricing to signup", "window": "30m",
                "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]},
               {"site": "shop", "name": "Blog to scroll", "steps": [{"page": "/blog"}, {"event": "Scrolled"}]}]}
            """;

    private final Map<String, List<List<Object>>> expected = new HashMap<>();
    private final List<String> templatesWeInstalled = new ArrayList<>();

    private ScriptedTraffic story;
    /** What the traffic, custom-event and health dashboards are set to: 40 minutes, so 1-minute buckets. */
    private TimeRange storyRange;
    private OpenSearchTestClient search;
    private Instant jobStarted;
    private Instant lateEventSent;
    private Instant outputComplete;

    @BeforeAll
    void runTheJobOverTheStory(KafkaTestClient kafka, EmbeddedOpenSearch node, OpenSearchTestClient search,
            @InjectMiniCluster MiniCluster flink, @TempDir Path dir) throws Exception {
        this.search = search;
        // Set only now that Kafka and OpenSearch are up: the realtime panels need the story's last
        // minute to stay within five minutes of the queries.
        story = new ScriptedTraffic(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES), TOPIC);
        storyRange = new TimeRange(story.t0, story.minute(40));
        installTemplates(node);
        kafka.createTopic(TOPIC, 2);
        kafka.produce(story.onTimeRecords());

        Path geoIp = TinyMaxMindDatabase.write(dir.resolve("tiny-city.mmdb"), ScriptedTraffic.GERMAN_NETWORK[0],
                ScriptedTraffic.GERMAN_NETWORK[1], ScriptedTraffic.GERMAN_NETWORK[2], "DE", "BE");
        JobSettings settings = JobSettings.builder()
                .kafkaBootstrap(kafka.bootstrapServers())
                .rawTopic(TOPIC)
                .invalidTopic(TOPIC + ".invalid")
                .consumerGroup(TOPIC + "-job")
                .definitionsTopic(TOPIC + ".definitions")
                .openSearch(OpenSearchConnection.of(node.httpUrl()))
                .geoIpDatabase(geoIp.toString())
                // A short gap and lateness make a 20-minute story close sessions and finalize
                // windows. The lateness is twice the gap, not just equal to it: a bounce is counted
                // at its session's start once the session closes, a minute or more later.
                .sessionGap(Duration.ofMinutes(5))
                .allowedLateness(Duration.ofMinutes(10))
                .outOfOrderness(Duration.ofSeconds(30))
                // Every on-time record is in Kafka before the job starts; a partition must never be
                // declared idle while the other one races ahead, or its records would turn late.
                .sourceIdleness(Duration.ofSeconds(30))
                .updateInterval(Duration.ofMillis(200))
                .checkpointInterval(Duration.ofMillis(500))
                .parallelism(PARALLELISM)
                .bulk(new OpenSearchSinks.BulkSettings(500, 5, Duration.ofMillis(100), 5, Duration.ofMillis(100)))
                .build();
        kafka.createTopic(settings.invalidTopic(), 1);
        DefinitionsTopic definitions = new DefinitionsTopic(kafka.bootstrapServers(), settings.definitionsTopic());
        definitions.ensureExists();
        definitions.publish(Definitions.parse(DEFINITIONS).bySite());

        // The extension's cluster, named explicitly: it makes itself the context environment only
        // before each test method, and this runs before all of them.
        StreamExecutionEnvironment env = new TestStreamEnvironment(flink, PARALLELISM);
        JobEnvironment.configure(env, settings);
        FootfallJob.forSettings(settings).build(env);
        jobStarted = Instant.now();
        JobClient job = env.executeAsync(FootfallJob.JOB_NAME);
        try {
            // Finn's session closes exactly when the watermark reaches its final value (see
            // ScriptedTraffic): from then on, Dan's event is later than the allowed lateness.
            eventually(() -> assertThat(sessionOf(ScriptedTraffic.FINN.id()).path("is_open").asBoolean(true))
                    .as("finn's session is open").isFalse());
            lateEventSent = Instant.now();
            kafka.produce(story.lateRecords());
            eventually(() -> assertThat(outputTotals()).isEqualTo(expectedTotals()));
            outputComplete = Instant.now();
        } finally {
            job.cancel().get();
        }
        writeDownTheExpectedRows();
    }

    @AfterAll
    void leaveTheSharedNodeWithoutOurTemplates() {
        // Other tests of this JVM create footfall-* indices with mappings of their own; the strict
        // templates would refuse their documents.
        for (String template : templatesWeInstalled) {
            search.request("DELETE", "/_index_template/" + template, null);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.footfall.dashboards.data.ShippedPanels#readingAnIndex")
    void panelShowsTheRowsTheStoryCallsFor(String id, SavedVisualization vis) {
        TimeRange range = REALTIME.contains(id) ? lastFiveMinutes() : storyRange;

        TranslatedSearch request = VisualizationTranslator.translate(vis, FILE, range);
        JsonNode response = search.search(request.index(), request.body().toString());
        List<List<Object>> rows = request.rows(response);

        assertThat(expected).as("expected rows for " + id).containsKey(id);
        assertThat(Between.accept(expected.get(id), rows))
                .as(id + " (request " + request.body() + ")")
                .isNotEmpty()
                .isEqualTo(expected.get(id));
    }

    @Test
    void everyPanelWithAnIndexIsCheckedAndEveryOtherIsText() {
        Set<String> withIndex = ShippedPanels.idsReadingAnIndex();
        assertThat(new TreeSet<>(expected.keySet())).isEqualTo(withIndex);
        Set<String> all = new TreeSet<>();
        FILE.ofType("visualization").forEach(v -> all.add(v.path("id").asText()));
        all.removeAll(withIndex);
        assertThat(all).isEqualTo(new TreeSet<>(TEXT_ONLY));
    }

    // ---- the rows each panel must show, worked out by hand from ScriptedTraffic ----------------

    private void writeDownTheExpectedRows() {
        ScriptedTraffic s = story;

        // Traffic overview. Humans: anna, ben, cara, finn and dan (late, but indexed and sessionized);
        // the bot is filtered out. Sessions: anna 1:00-3:15 (not a bounce), ben 4:00 (bounce) and
        // 19:00-19:50 (not), cara 6:00-7:00 (bounce: "Scrolled" is non-interactive) and 19:10
        // (bounce), finn 14:20 (bounce), dan 2:10 (bounce).
        expect("footfall-traffic-visitors", row(5L));
        expect("footfall-traffic-pageviews", row(10L));
        expect("footfall-traffic-sessions", row(7L));
        expect("footfall-traffic-bounce-rate", row("Bounced", 5L), row("Engaged", 2L));
        expect("footfall-traffic-avg-duration", row(35L)); // (135 + 0 + 50 + 60 + 0 + 0 + 0) / 7
        expect("footfall-traffic-over-time", // pageviews, visitors per minute
                row(s.minute(1), 2L, 1L), row(s.minute(2), 1L, 1L), row(s.minute(3), 1L, 1L),
                row(s.minute(4), 1L, 1L), row(s.minute(6), 1L, 1L), row(s.minute(14), 1L, 1L),
                row(s.minute(19), 3L, 2L));
        // From the rollups, which know no bots and no late events: the bot's session counts, dan's
        // does not; a bounce counts once its session closed (ben, cara, finn; not cara at 19:10).
        expect("footfall-traffic-sessions-over-time", // sessions, bounces per minute
                row(s.minute(1), 1L, 0L), row(s.minute(2), 0L, 0L), row(s.minute(3), 0L, 0L),
                row(s.minute(4), 1L, 1L), row(s.minute(6), 1L, 1L), row(s.minute(7), 0L, 0L),
                row(s.minute(14), 1L, 1L), row(s.minute(19), 3L, 0L));
        expect("footfall-traffic-top-pages", // pageviews, visitors; ben's utm_* query string is gone
                row("/pricing", 5L, 4L), row("/", 2L, 2L), row("/docs", 2L, 2L), row("/blog", 1L, 1L));
        expect("footfall-traffic-entry-pages", row("/pricing", 3L), row("/", 2L), row("/blog", 1L), row("/docs", 1L));
        expect("footfall-traffic-exit-pages", row("/pricing", 4L), row("/docs", 2L), row("/blog", 1L));
        expect("footfall-traffic-sources", // sessions, visitors
                row("direct", "none", 3L, 3L), row("bing", "organic", 1L, 1L), row("google", "organic", 1L, 1L),
                row("hacker news", "social", 1L, 1L), row("newsletter", "email", 1L, 1L));
        expect("footfall-traffic-referrers", row("news.ycombinator.com", 1L), row("www.bing.com", 1L),
                row("www.google.com", 1L));
        expect("footfall-traffic-campaigns", row("spring_sale", "newsletter", "email", 1L));
        expect("footfall-traffic-browsers", row("Chrome", 3L), row("Firefox", 2L), row("Safari", 2L));
        expect("footfall-traffic-os", row("Android", 2L), row("Mac OS", 2L), row("iOS", 2L), row("Windows NT", 1L));
        expect("footfall-traffic-devices", row("mobile", 4L), row("desktop", 3L));
        expect("footfall-traffic-countries", row("DE", 3L, 2L)); // anna, cara twice; the others are not placed

        // Custom events: "Signed Up" (anna; its retry dropped), "Scrolled" (cara), "Clicked Buy" (ben).
        expect("footfall-events-over-time", row(s.minute(2), "Signed Up", 1L), row(s.minute(7), "Scrolled", 1L),
                row(s.minute(19), "Clicked Buy", 1L));
        expect("footfall-events-top", row("Clicked Buy", 1L, 1L), row("Scrolled", 1L, 1L), row("Signed Up", 1L, 1L));
        expect("footfall-events-by-property", row("Clicked Buy", "plan=team", 1L), row("Signed Up", "plan=pro", 1L));
        expect("footfall-events-property-values", row("button=hero", 1L), row("depth=50", 1L),
                row("nonInteraction=true", 1L), row("plan=pro", 1L), row("plan=team", 1L), row("seats=3", 1L));

        // Realtime: minute 19 is inside the last five minutes, minute 14 never is; the bot is left out.
        expect("footfall-realtime-visitors", row(2L));
        expect("footfall-realtime-events", row(4L));
        expect("footfall-realtime-pageviews", row(3L));
        expect("footfall-realtime-timeline", // 5-second buckets
                row(s.at(19, 0), "page", 1L), row(s.at(19, 10), "page", 1L), row(s.at(19, 20), "track", 1L),
                row(s.at(19, 50), "page", 1L));
        expect("footfall-realtime-pages", row("/pricing", 2L, 2L), row("/", 1L, 1L)); // visitors, pageviews
        expect("footfall-realtime-event-names", row("Clicked Buy", 1L));

        // Goals and funnels (the definitions above). Conversions, converting visitors; by conversions.
        expect("footfall-goals-conversions", row("Saw pricing", 5L, 4L), row("Bought", 1L, 1L), row("Signup", 1L, 1L));
        // Visitors at each step or further, funnels by their step-1 visitors: Pricing to signup
        // anna ben, anna ben, anna; Blog to scroll cara, cara. Steps a funnel does not have show 0.
        List<List<?>> steps = new ArrayList<>();
        long[][] reached = {{2, 2, 1, 0, 0, 0, 0, 0}, {1, 1, 0, 0, 0, 0, 0, 0}};
        String[] funnels = {"Pricing to signup", "Blog to scroll"};
        for (int f = 0; f < funnels.length; f++) {
            for (int k = 1; k <= 8; k++) {
                steps.add(row(funnels[f], "Step " + k, reached[f][k - 1]));
            }
        }
        expect("footfall-funnels-steps", steps.toArray(List[]::new));

        // Pipeline health. Events are counted before deduplication, bots included: 16. Dan's event
        // lands in the minute of the watermark (19), as does its "late" count; invalid records in
        // the minute of their receipt, the unreadable one in its Kafka record's minute.
        expect("footfall-health-invalid-over-time", row(s.minute(5), "wrong_type", 1L),
                row(s.minute(7), "missing_event_name", 1L), row(s.minute(8), "malformed_json", 1L));
        expect("footfall-health-invalid-reasons", row("malformed_json", 1L), row("missing_event_name", 1L),
                row("wrong_type", 1L));
        expect("footfall-health-totals", row(16L, 1L, 1L, 3L));
        expect("footfall-health-dropped-over-time", // duplicates, late, invalid
                row(s.minute(1), 0L, 0L, 0L), row(s.minute(2), 1L, 0L, 0L), row(s.minute(3), 0L, 0L, 0L),
                row(s.minute(4), 0L, 0L, 0L), row(s.minute(5), 0L, 0L, 1L), row(s.minute(6), 0L, 0L, 0L),
                row(s.minute(7), 0L, 0L, 1L), row(s.minute(8), 0L, 0L, 1L), row(s.minute(14), 0L, 0L, 0L),
                row(s.minute(19), 0L, 1L, 0L));
        // Lag per minute: mean of the rows' averages, max of their maxima. A minute with only
        // invalid records measured no lag: its row has none (not a 0 that would pull the mean down).
        List<Event[]> minutes = List.of(new Event[] {s.a1, s.a2}, new Event[] {s.a3, s.a3}, new Event[] {s.a4},
                new Event[] {s.b1}, new Event[0], new Event[] {s.c1}, new Event[] {s.c2}, new Event[0],
                new Event[] {s.f1}, new Event[] {s.b2, s.c3, s.b3, s.g1, s.b4, s.g2, s.d1});
        int[] minuteOf = {1, 2, 3, 4, 5, 6, 7, 8, 14, 19};
        List<List<?>> lagRows = new ArrayList<>();
        List<Between> averages = new ArrayList<>();
        List<Event> all = new ArrayList<>();
        for (int i = 0; i < minuteOf.length; i++) {
            Event[] events = minutes.get(i);
            all.addAll(Arrays.asList(events));
            if (events.length == 0) {
                lagRows.add(row(s.minute(minuteOf[i]), null, null));
                continue;
            }
            Between average = lagAverage(events);
            averages.add(average);
            lagRows.add(row(s.minute(minuteOf[i]), average, lagMax(events)));
        }
        expect("footfall-health-lag", lagRows.toArray(List[]::new));
        expect("footfall-health-lag-max", row(lagMax(all.toArray(Event[]::new)), Between.mean(averages)));
    }

    // ---- what the job's output must add up to before the panels are read ---------------------

    private Map<String, Long> expectedTotals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("events", 15L); // 16 valid records, one of them a duplicate
        totals.put("sessions", 8L);
        totals.put("sessions.events", 15L);
        totals.put("sessions.pageviews", 12L);
        totals.put("rollups.pageviews", 11L); // all but dan's
        totals.put("rollups.events", 14L);
        totals.put("rollups.sessions", 7L); // the bot's in, dan's out
        totals.put("rollups.bounces", 3L); // closed bounces: ben, cara, finn
        totals.put("health.events", 16L);
        totals.put("health.duplicates", 1L);
        totals.put("health.late_events", 1L);
        totals.put("health.invalid_events", 3L);
        totals.put("invalid", 3L);
        totals.put("goals", 7L); // Saw pricing 5, Signup 1, Bought 1
        totals.put("funnels", 3L); // anna's and ben's attempts at Pricing to signup, cara's at Blog to scroll
        totals.put("funnels.step_reached", 7L); // 3 + 2 + 2
        return totals;
    }

    /** The same numbers, read from the story's time range of each index family. */
    private Map<String, Long> outputTotals() {
        search.refresh("footfall-*");
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("events", count(IndexFamily.EVENTS, null));
        totals.put("sessions", count(IndexFamily.SESSIONS, null));
        JsonNode sessions = sums(IndexFamily.SESSIONS, null, "events", "pageviews");
        totals.put("sessions.events", sessions.path("events").path("value").asLong());
        totals.put("sessions.pageviews", sessions.path("pageviews").path("value").asLong());
        JsonNode rollups = sums(IndexFamily.ROLLUPS, "{\"term\":{\"dimension\":\"site\"}}", "pageviews", "events",
                "sessions", "bounces");
        for (String field : List.of("pageviews", "events", "sessions", "bounces")) {
            totals.put("rollups." + field, rollups.path(field).path("value").asLong());
        }
        JsonNode health = sums(IndexFamily.HEALTH, null, "events", "duplicates", "late_events", "invalid_events");
        for (String field : List.of("events", "duplicates", "late_events", "invalid_events")) {
            totals.put("health." + field, health.path(field).path("value").asLong());
        }
        totals.put("invalid", count(IndexFamily.INVALID, null));
        totals.put("goals", count(IndexFamily.GOALS, null));
        totals.put("funnels", count(IndexFamily.FUNNELS, null));
        totals.put("funnels.step_reached", sums(IndexFamily.FUNNELS, null, "step_reached")
                .path("step_reached").path("value").asLong());
        return totals;
    }

    private long count(IndexFamily family, String filter) {
        return search.count(family.indexPattern(), "{\"query\":" + inStory(filter) + "}");
    }

    private JsonNode sums(IndexFamily family, String filter, String... fields) {
        StringBuilder aggs = new StringBuilder("{");
        for (String field : fields) {
            aggs.append(aggs.length() > 1 ? "," : "").append('"').append(field).append("\":{\"sum\":{\"field\":\"")
                    .append(field).append("\"}}");
        }
        return search.aggregate(family.indexPattern(), inStory(filter), aggs.append('}').toString());
    }

    private String inStory(String filter) {
        String range = "{\"range\":{\"@timestamp\":{\"gte\":\"" + storyRange.from() + "\",\"lte\":\"" + storyRange.to()
                + "\"}}}";
        return "{\"bool\":{\"filter\":[" + range + (filter == null ? "" : "," + filter) + "]}}";
    }

    private JsonNode sessionOf(String visitor) {
        search.refresh(IndexFamily.SESSIONS.indexPattern());
        JsonNode hits = search.search(IndexFamily.SESSIONS.indexPattern(), "{\"query\":{\"bool\":{\"filter\":["
                + "{\"term\":{\"site_id\":\"" + SITE + "\"}},{\"term\":{\"visitor_id\":\"" + visitor + "\"}}]}}}")
                .path("hits").path("hits");
        assertThat(hits).as("sessions of " + visitor).hasSize(1);
        return hits.get(0).path("_source");
    }

    // ---- setup and helpers ------------------------------------------------------------------

    /** The real templates on a node without the story's daily indices. */
    private void installTemplates(EmbeddedOpenSearch node) {
        for (IndexFamily family : IndexFamily.values()) {
            try {
                search.request("GET", "/_index_template/" + family.templateName(), null);
            } catch (OpenSearchTestClient.ResponseException e) {
                if (e.status() != 404) {
                    throw e;
                }
                templatesWeInstalled.add(family.templateName());
            }
            for (LocalDate day = LocalDate.ofInstant(storyRange.from(), ZoneOffset.UTC);
                    !day.isAfter(LocalDate.ofInstant(storyRange.to(), ZoneOffset.UTC)); day = day.plusDays(1)) {
                search.deleteIndex(family.dailyIndex(day));
            }
        }
        OpenSearchSetup.apply(new RestClient(Endpoint.of("OpenSearch", node.httpUrl())),
                OpenSearchSetup.Settings.defaults());
    }

    /** The realtime dashboard's range at the moment of asking, which must still hold the story's last minute. */
    private TimeRange lastFiveMinutes() {
        TimeRange range = TimeRange.lastMinutes(Instant.now(), 5);
        assertThat(range.from()).as("the realtime panels look back five minutes from now; the story's minute 19 "
                + "must still be inside (the test took too long)").isBeforeOrEqualTo(story.minute(19));
        return range;
    }

    /** The lag of events between the wall-clock bounds of their processing, averaged and rounded. */
    private Between lagAverage(Event... events) {
        if (events.length == 0) {
            return new Between(0, 0);
        }
        double low = 0;
        double high = 0;
        for (Event e : events) {
            low += lagBounds(e).low();
            high += lagBounds(e).high();
        }
        return new Between(low / events.length - 1, high / events.length + 1);
    }

    private Between lagMax(Event... events) {
        double low = 0;
        double high = 0;
        for (Event e : events) {
            low = Math.max(low, lagBounds(e).low());
            high = Math.max(high, lagBounds(e).high());
        }
        return new Between(low, high);
    }

    /** The job measures lag as processing time minus receipt: processed after it was started (or sent), before it was seen. */
    private Between lagBounds(Event e) {
        Instant earliest = e.late() ? lateEventSent : jobStarted;
        return new Between(Math.max(0, earliest.toEpochMilli() - e.receivedAt().toEpochMilli()),
                outputComplete.toEpochMilli() - e.receivedAt().toEpochMilli());
    }

    private void expect(String visId, List<?>... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (List<?> r : rows) {
            list.add(new ArrayList<>(r));
        }
        expected.put(visId, list);
    }

    private static List<?> row(Object... cells) {
        return Arrays.asList(cells);
    }

    private static void eventually(Runnable assertion) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(assertion::run);
    }

    /** A number known only to lie within bounds: the job measured it on the wall clock. */
    record Between(double low, double high) {

        static Between mean(List<Between> values) {
            return new Between(values.stream().mapToDouble(Between::low).average().orElseThrow(),
                    values.stream().mapToDouble(Between::high).average().orElseThrow());
        }

        boolean contains(Object value) {
            return value instanceof Number n && n.doubleValue() >= low && n.doubleValue() <= high;
        }

        @Override
        public String toString() {
            return "between " + Math.round(low) + " and " + Math.round(high);
        }

        /**
         * The actual rows with every cell that satisfies the {@link Between} expected in its place
         * replaced by that bound, so one equality check (with a readable difference) covers both.
         */
        static List<List<Object>> accept(List<List<Object>> expected, List<List<Object>> actual) {
            List<List<Object>> out = new ArrayList<>();
            for (int i = 0; i < actual.size(); i++) {
                List<Object> row = new ArrayList<>(actual.get(i));
                if (i < expected.size() && expected.get(i).size() == row.size()) {
                    for (int j = 0; j < row.size(); j++) {
                        if (expected.get(i).get(j) instanceof Between b && b.contains(row.get(j))) {
                            row.set(j, b);
                        }
                    }
                }
                out.add(row);
            }
            return out;
        }
    }
}
