package dev.footfall.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.index.IndexFamily;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.job.FootfallJob;
import dev.footfall.job.FootfallJobTestBase;
import dev.footfall.job.JobEnvironment;
import dev.footfall.job.JobSettings;
import dev.footfall.testkit.KafkaExtension;
import dev.footfall.testkit.KafkaTestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.geoip.TinyMaxMindDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Stats API on what the real job writes: {@link ScriptedShop} (duplicates, a late and an
 * out-of-order event, a bot, invalid records, visits on both sides of New York's and UTC's
 * midnight) goes through Kafka and the Flink job (MiniCluster, parallelism 2) into a real
 * OpenSearch node, and every metric, dimension and filter is compared with values worked out by
 * hand from the story. The console runs with a clock the test sets, so "today" is fixed.
 */
@ExtendWith({KafkaExtension.class, OpenSearchExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiOnJobOutputITCase extends FootfallJobTestBase {

    private static final String TOPIC = "stats-api.raw";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 07:00 in New York on 3 March: "today" is 3 March there, and was 2 March until 05:00 UTC. */
    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");
    /** The shop's 2 and 3 March, in its own time zone. */
    private static final String BOTH_DAYS = "[\"2026-03-02\", \"2026-03-03\"]";
    /**
     * The shop's goals and funnels, applied to the definitions topic before the job starts, as
     * {@code footfall definitions apply} does. What they match in {@link ScriptedShop}:
     * Signup: a3 (anna; its retry is dropped), u4 (gus, 1 March); Saw pricing: a2 (anna), b1
     * (ben, query string stripped), and on 1 March f2 (fay), h1 (hal), u3 (gus); Bought team: e2
     * (eve; fay's "Clicked Buy" is plan pro). Pricing to signup: eve / (step 1), anna / /pricing
     * "Signed Up" (step 3, the last event arriving late); ben never saw /; dan's / is later than
     * the allowed lateness, so funnels leave it out; fay / /pricing (step 2, 1 March, her late /
     * within the allowed lateness). Blog to scroll: cara /blog, "Scrolled"; gus /blog (step 1,
     * 1 March).
     */
    private static final String DEFINITIONS = """
            {"goals": [
               {"site": "shop", "name": "Signup", "event": "Signed Up"},
               {"site": "shop", "name": "Saw pricing", "page": "/pricing*"},
               {"site": "shop", "name": "Bought team", "event": "Clicked Buy", "props": {"plan": "team"}},
               {"site": "shop", "name": "Read docs twice", "page": "/docs/*"}],
             "funnels": [
               {"site": "shop", "name": "Pricing to signup", "window": "30m",
                "steps": [{"page": "/"}, {"page": "/pricing", "name": "Pricing"}, {"event": "Signed Up"}]},
               {"site": "shop", "name": "Blog to scroll", "steps": [{"page": "/blog"}, {"event": "Scrolled"}]}]}
            """;
    /** The shop's 1 March: fay, hal and gus (a late event that changes a source, and a merge). */
    private static final String FIRST_DAY = "[\"2026-03-01\", \"2026-03-01\"]";

    private final MutableClock clock = new MutableClock(NOW);
    private OpenSearchTestClient search;
    private ConsoleServer console;
    private ApiClient api;
    private String shopKey;
    private String otherKey;

    @BeforeAll
    void runTheJobOverTheStory(KafkaTestClient kafka, EmbeddedOpenSearch node, OpenSearchTestClient search,
            @InjectMiniCluster MiniCluster flink, @TempDir Path dir) throws Exception {
        this.search = search;
        installIndexTemplates(search);
        for (IndexFamily family : IndexFamily.values()) {
            search.deleteIndex(family.prefix() + "-2026.03.01");
            search.deleteIndex(family.prefix() + "-2026.03.02");
            search.deleteIndex(family.prefix() + "-2026.03.03");
        }
        kafka.createTopic(TOPIC, 2);
        Path geoIp = TinyMaxMindDatabase.write(dir.resolve("tiny-city.mmdb"), 203, 0, 113, "DE", "BE");
        JobSettings settings = testSettings(kafka, node, TOPIC)
                .geoIpDatabase(geoIp.toString())
                .sessionGap(Duration.ofMinutes(30))
                .allowedLateness(Duration.ofHours(1))
                .outOfOrderness(Duration.ofSeconds(30))
                // Every on-time record is in Kafka before the job starts: no partition may be
                // declared idle while the other races ahead.
                .sourceIdleness(Duration.ofSeconds(30))
                .build();
        kafka.createTopic(settings.invalidTopic(), 1);
        DefinitionsTopic definitions = new DefinitionsTopic(kafka.bootstrapServers(), settings.definitionsTopic());
        definitions.ensureExists();
        definitions.publish(Definitions.parse(DEFINITIONS).bySite());
        kafka.produce(ScriptedShop.onTime(TOPIC));

        // The extension makes its cluster the context environment only before each test method.
        StreamExecutionEnvironment env = new TestStreamEnvironment(flink, PARALLELISM);
        JobEnvironment.configure(env, settings);
        FootfallJob.forSettings(settings).build(env);
        JobClient job = env.executeAsync(FootfallJob.JOB_NAME);
        try {
            eventually(() -> assertThat(visitOf("cara").path("is_open").asBoolean(true)).as("cara's visit is open").isFalse());
            kafka.produce(ScriptedShop.late(TOPIC));
            eventually(() -> {
                // 1 March: 8 records; 2 and 3 March: 12 records - 1 duplicate = 11.
                assertThat(documents(search, IndexFamily.EVENTS, ScriptedShop.SITE)).hasSize(19);
                assertThat(visitOf("anna").path("events").asInt()).isEqualTo(4);
                assertThat(visitOf("dan").path("pageviews").asInt()).isEqualTo(1);
                assertThat(documents(search, IndexFamily.INVALID, ScriptedShop.SITE)).hasSize(1); // malformed_json has no site
                assertThat(documents(search, IndexFamily.GOALS, ScriptedShop.SITE)).hasSize(8); // a2, a3, b1, e2; f2, h1, u3, u4 (1 March)
                assertThat(documents(search, IndexFamily.FUNNELS, ScriptedShop.SITE).values())
                        .extracting(d -> d.path("visitor_id").asText() + ":" + d.path("step_reached").asInt())
                        .containsExactlyInAnyOrder("eve:1", "anna:3", "cara:2", "fay:2", "gus:1");
            });
        } finally {
            job.cancel().get();
        }

        Sites sites = Sites.of(site(ScriptedShop.SITE, ScriptedShop.ZONE), site("other", "UTC"));
        OpenSearchAccess openSearch = OpenSearchAccess.of(node.httpUrl());
        console = ConsoleServer.start(ConsoleConfig.defaults().with("console.port", "0")
                .with("kafka.bootstrap", kafka.bootstrapServers())
                .with("definitions.topic", settings.definitionsTopic()), sites, openSearch, clock);
        api = new ApiClient("http://127.0.0.1:" + console.port());
        shopKey = console.keys().create("shop reader", List.of(ScriptedShop.SITE)).join().key();
        otherKey = console.keys().create("other reader", List.of("other")).join().key();
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
        ProductIndexTemplates.remove(search);
    }

    private JsonNode visitOf(String visitor) {
        for (JsonNode session : documents(search, IndexFamily.SESSIONS, ScriptedShop.SITE).values()) {
            if (session.path("visitor_id").asText().equals(visitor)) {
                return session;
            }
        }
        return JSON.createObjectNode();
    }

    /** The property-names extension over the shop's two days, with the shop's key; {@code more} adds fields. */
    private ApiClient.Answer shopPropertyNames(String more) {
        return api.post(ConsoleServer.PROPERTIES_ROUTE, "{\"site_id\": \"shop\", \"date_range\": " + BOTH_DAYS + more + "}",
                Map.of("Authorization", "Bearer " + shopKey));
    }

    private JsonNode query(String json) {
        ApiClient.Answer answer = api.query(shopKey, json);
        assertThat(answer.status()).as("%s -> %s", json, answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** The rows as [dimensions..., metrics...] lists, which is how the expectations below are written. */
    private List<List<Object>> rows(String json) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : query(json).path("results")) {
            List<Object> cells = new ArrayList<>();
            row.path("dimensions").forEach(d -> cells.add(d.asText()));
            row.path("metrics").forEach(m -> cells.add(m.isNull() ? null : m.isIntegralNumber() ? (Object) m.asLong() : m.asDouble()));
            rows.add(cells);
        }
        return rows;
    }

    private static List<Object> row(Object... cells) {
        return List.of(cells);
    }

    private String body(String metrics, String dateRange, String more) {
        return "{\"site_id\": \"shop\", \"metrics\": [" + metrics + "], \"date_range\": " + dateRange
                + (more.isEmpty() ? "" : ", " + more) + "}";
    }

    private static final String ALL_METRICS = "\"visitors\", \"visits\", \"pageviews\", \"views_per_visit\", "
            + "\"bounce_rate\", \"visit_duration\", \"events\"";

    @Test
    void everyMetricOfFirstMarchAfterALateEventAndAMerge() {
        // fay (her late first page counted in her one visit), hal, gus (two visits merged into one):
        //   visitors 3, visits 3, pageviews f1 f2 h1 u1 u2 u3 = 6, views per visit 6 / 3 = 2.0,
        //   bounce rate hal's of three, 1 / 3 -> 33, duration (420 + 0 + 3,060) / 3 = 1,160 s,
        //   events 6 views + "Clicked Buy" + "Signed Up" = 8
        assertThat(rows(body(ALL_METRICS, FIRST_DAY, "")))
                .containsExactly(row(3L, 3L, 6L, 2.0, 33L, 1160L, 8L));
    }

    @Test
    void everyMetricOfSecondMarchInTheShopsOwnTimeZone() {
        // New York's 2 March is [2 Mar 05:00, 3 Mar 05:00) UTC: eve, anna (all four events, even
        // the one after UTC midnight) and ben (23:30 local); the bot is left out, cara and dan
        // belong to 3 March. (In UTC, 2 March would hold only eve and anna's first three events.)
        //   visitors  eve, anna, ben                                   = 3
        //   visits    their three visits (by start)                     = 3
        //   pageviews e1, a1, a2, a4, b1                                = 5
        //   views per visit 5 / 3 = 1.666...                            -> 1.67
        //   bounce rate: ben's visit of three, 1 / 3 = 33.3 %           -> 33
        //   visit duration (30 + 1,200 + 0) / 3 = 410 s
        //   events    5 views + "Clicked Buy" + "Signed Up" (once)      = 7
        assertThat(rows(body(ALL_METRICS, "[\"2026-03-02\", \"2026-03-02\"]", "")))
                .containsExactly(row(3L, 3L, 5L, 1.67, 33L, 410L, 7L));
    }

    @Test
    void everyMetricOfThirdMarch() {
        // 3 March in New York: cara (00:30 local) and dan (00:10 local, sent late).
        //   visitors 2, visits 2, pageviews c1 + d1 = 2, views per visit 2 / 2 = 1.0,
        //   bounce rate 2 / 2 = 100, duration (60 + 0) / 2 = 30 s, events 2 views + "Scrolled" = 3
        assertThat(rows(body(ALL_METRICS, "[\"2026-03-03\", \"2026-03-03\"]", "")))
                .containsExactly(row(2L, 2L, 2L, 1.0, 100L, 30L, 3L));
    }

    @Test
    void daysAreTheSitesDays() {
        // By New York's days: 2 March eve, anna, ben (5 views); 3 March cara, dan (2 views).
        // UTC days would give 2 March eve, anna (3 views) and 3 March anna, ben, cara, dan (4 views).
        assertThat(rows(body("\"visitors\", \"pageviews\"", BOTH_DAYS, "\"dimensions\": [\"time:day\"]")))
                .containsExactly(row("2026-03-02", 3L, 5L), row("2026-03-03", 2L, 2L));
    }

    @Test
    void hoursAreLocalHours() {
        // 2 March, New York: eve 07:00; anna 18:50-18:53 (two views) and 19:10 (one); ben 23:30.
        assertThat(rows(body("\"visitors\", \"pageviews\"", "[\"2026-03-02\", \"2026-03-02\"]",
                "\"dimensions\": [\"time:hour\"]")))
                .containsExactly(row("2026-03-02 07:00:00", 1L, 1L), row("2026-03-02 18:00:00", 1L, 2L),
                        row("2026-03-02 19:00:00", 1L, 1L), row("2026-03-02 23:00:00", 1L, 1L));
    }

    @Test
    void timeResolvesToTheRangesGranularityAndTimeLabelsListEveryBucket() {
        JsonNode response = query(body("\"visitors\"", BOTH_DAYS,
                "\"dimensions\": [\"time\"], \"include\": {\"time_labels\": true}"));
        // Two days are 48 hours: hourly buckets, as Plausible picks them.
        assertThat(response.at("/query/dimensions/0").asText()).isEqualTo("time:hour");
        assertThat(response.at("/meta/time_labels")).hasSize(48);
        assertThat(response.at("/meta/time_labels/0").asText()).isEqualTo("2026-03-02 00:00:00");
        assertThat(response.at("/meta/time_labels/47").asText()).isEqualTo("2026-03-03 23:00:00");
        // The story's five busy hours: eve 07, anna 18 and 19, ben 23 on 2 March; dan and cara 00 on 3 March.
        assertThat(response.path("results")).hasSize(5);
        assertThat(response.at("/results/4/dimensions/0").asText()).isEqualTo("2026-03-03 00:00:00");
        assertThat(response.at("/results/4/metrics/0").asLong()).isEqualTo(2);
    }

    @Test
    void weeksAndMonthsStartInTheSitesZone() {
        // 2 March 2026 is a Monday; March is one month.
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"dimensions\": [\"time:week\"]")))
                .containsExactly(row("2026-03-02", 5L));
        // March: fay, hal, gus (1 March) and the five of 2 and 3 March.
        assertThat(rows(body("\"visitors\"", "\"month\"", "\"dimensions\": [\"time:month\"]")))
                .containsExactly(row("2026-03-01", 8L));
    }

    @Test
    void relativeRangesCountFromTodayInTheSitesZone() {
        // Today is 3 March in New York (07:00 local).
        assertThat(rows(body("\"visitors\"", "\"day\"", ""))).containsExactly(row(2L));     // cara, dan
        // 24 Feb - 2 Mar: fay, hal, gus (1 March) + eve, anna, ben (2 March) = 6.
        assertThat(rows(body("\"visitors\"", "\"7d\"", ""))).containsExactly(row(6L));
        assertThat(rows(body("\"visitors\"", "\"28d\"", ""))).containsExactly(row(6L));
        assertThat(rows(body("\"visitors\"", "\"30d\"", ""))).containsExactly(row(6L));
        assertThat(rows(body("\"visitors\"", "\"91d\"", ""))).containsExactly(row(6L));
        assertThat(rows(body("\"visitors\"", "\"month\"", ""))).containsExactly(row(8L));   // March: 3 + 5
        assertThat(rows(body("\"visitors\"", "\"6mo\"", ""))).containsExactly(row(0L));     // Sep - Feb: nothing yet
        assertThat(rows(body("\"visitors\"", "\"12mo\"", ""))).containsExactly(row(0L));
        assertThat(rows(body("\"visitors\"", "\"year\"", ""))).containsExactly(row(8L));
        assertThat(rows(body("\"visitors\"", "\"all\"", ""))).containsExactly(row(8L));
    }

    @Test
    void instantRangesAreExactInstants() {
        // [2 Mar 23:51:00Z, 3 Mar 04:30:00Z] holds a2, a3, a4 and b1 (the last second is included).
        assertThat(rows(body("\"visitors\", \"events\"", "[\"2026-03-02T23:51:00Z\", \"2026-03-03T04:30:00Z\"]", "")))
                .containsExactly(row(2L, 4L));
        // The same instants written with New York's offset.
        assertThat(rows(body("\"visitors\", \"events\"",
                "[\"2026-03-02T18:51:00-05:00\", \"2026-03-02T23:30:00-05:00\"]", "")))
                .containsExactly(row(2L, 4L));
    }

    @Test
    void pagesWithBounceRateReadAsEntryPage() {
        // Over both days. Views and events by page: / e1 a1 d1 (+ e2) ; /pricing a2 b1 (+ a3) ;
        // /blog c1 (+ c2) ; /docs a4. Bounce rate by entry page, as Plausible reads it: / entered
        // by eve, anna, dan (dan bounced) = 33 ; /pricing by ben (bounced) = 100 ; /blog by cara
        // (bounced) = 100 ; /docs entered by nobody = 0.
        assertThat(rows(body("\"visitors\", \"pageviews\", \"events\", \"bounce_rate\"", BOTH_DAYS,
                "\"dimensions\": [\"event:page\"]")))
                .containsExactly(
                        row("/", 3L, 3L, 4L, 33L),
                        row("/pricing", 2L, 2L, 3L, 100L),
                        row("/blog", 1L, 1L, 2L, 100L),
                        row("/docs", 1L, 1L, 1L, 0L));
    }

    @Test
    void visitAttributesComeFromTheVisit() {
        // Sources of the five visits: direct (eve, dan), google (anna), newsletter (ben),
        // hacker news (cara). Page views are the visits' sums; anna's three all count for google.
        assertThat(rows(body("\"visitors\", \"visits\", \"pageviews\", \"bounce_rate\"", BOTH_DAYS,
                "\"dimensions\": [\"visit:source\"]")))
                .containsExactly(
                        row("direct", 2L, 2L, 2L, 50L),
                        row("google", 1L, 1L, 3L, 0L),
                        row("hacker news", 1L, 1L, 1L, 100L),
                        row("newsletter", 1L, 1L, 1L, 100L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"dimensions\": [\"visit:entry_page\"]")))
                .containsExactly(row("/", 3L), row("/blog", 1L), row("/pricing", 1L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"dimensions\": [\"visit:exit_page\"]")))
                .containsExactly(row("/", 2L), row("/blog", 1L), row("/docs", 1L), row("/pricing", 1L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"dimensions\": [\"visit:referrer\"]")))
                .containsExactly(row("Direct / None", 3L), row("https://news.ycombinator.com/item", 1L),
                        row("https://www.google.com/search", 1L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS,
                "\"dimensions\": [\"visit:utm_source\", \"visit:utm_medium\", \"visit:utm_campaign\"], "
                        + "\"filters\": [[\"is\", \"visit:utm_campaign\", [\"spring\"]]]")))
                .containsExactly(row("newsletter", "email", "spring", 1L));
        // utm_content and utm_term are the visit's, from its landing page: ben's one-page visit.
        assertThat(rows(body("\"visitors\", \"pageviews\"", BOTH_DAYS,
                "\"dimensions\": [\"visit:utm_content\", \"visit:utm_term\"], "
                        + "\"filters\": [[\"is\", \"visit:utm_content\", [\"hero\"]]]")))
                .containsExactly(row("hero", "shoes", 1L, 1L));
    }

    @Test
    void deviceBrowserOsAndCountryWithPercentage() {
        // Five visitors: desktop eve, anna, dan (3 = 60 %); mobile ben, cara (2 = 40 %).
        // Bounce rate by the visits' device: desktop 1 of 3 = 33; mobile 2 of 2 = 100.
        assertThat(rows(body("\"visitors\", \"percentage\", \"bounce_rate\"", BOTH_DAYS, "\"dimensions\": [\"visit:device\"]")))
                .containsExactly(row("desktop", 3L, 60.0, 33L), row("mobile", 2L, 40.0, 100L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"dimensions\": [\"visit:browser\", \"visit:os\"]")))
                .containsExactly(row("Firefox", "Mac OS", 2L), row("Chrome", "Android", 1L),
                        row("Chrome", "Windows NT", 1L), row("Safari", "iOS", 1L));
        // The test's GeoIP database places 203.0.113.0 (eve, anna, cara) in Germany.
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"dimensions\": [\"visit:country\"]")))
                .containsExactly(row("DE", 3L), row("(not set)", 2L));
    }

    @Test
    void eventNamesWithPageviewsAsPlausibleNamesThem() {
        // pageview: e1 a1 a2 a4 b1 d1 c1 = 7 by all five visitors; then one of each custom event,
        // "Signed Up" once although its record came twice.
        assertThat(rows(body("\"visitors\", \"events\"", BOTH_DAYS, "\"dimensions\": [\"event:name\"]")))
                .containsExactly(row("pageview", 5L, 7L), row("Clicked Buy", 1L, 1L), row("Scrolled", 1L, 1L),
                        row("Signed Up", 1L, 1L));
    }

    @Test
    void customProperties() {
        assertThat(rows(body("\"visitors\", \"events\"", BOTH_DAYS,
                "\"dimensions\": [\"event:props:plan\"], \"filters\": [[\"is\", \"event:name\", [\"Signed Up\", \"Clicked Buy\"]]]")))
                .containsExactly(row("pro", 1L, 1L), row("team", 1L, 1L));
        // Without the filter the page views have no plan: "(none)", as Plausible shows them.
        assertThat(rows(body("\"events\"", BOTH_DAYS, "\"dimensions\": [\"event:props:plan\"]")))
                .containsExactly(row("(none)", 8L), row("pro", 1L), row("team", 1L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"filters\": [[\"is\", \"event:props:plan\", [\"team\"]]]")))
                .containsExactly(row(1L));
    }

    @Test
    void propertyNamesExtensionListsTheNamesOfTheMatchingEvents() {
        // Custom properties over both days: eve's "Clicked Buy" {plan: team}, anna's "Signed Up"
        // {plan: pro} (its retry dropped), cara's "Scrolled" {depth: 50, nonInteraction: true}.
        // plan: 1 + 1 = 2 events; depth and nonInteraction: 1 each, in name order.
        ApiClient.Answer all = shopPropertyNames("");
        assertThat(all.status()).as(all.body().toString()).isEqualTo(200);
        assertThat(all.body().path("results").toString())
                .isEqualTo("[{\"name\":\"plan\",\"events\":2},{\"name\":\"depth\",\"events\":1},"
                        + "{\"name\":\"nonInteraction\",\"events\":1}]");
        assertThat(all.body().at("/meta/complete").asBoolean()).isTrue();
        assertThat(all.body().at("/query/date_range").toString())
                .isEqualTo("[\"2026-03-02T00:00:00-05:00\",\"2026-03-03T23:59:59-05:00\"]");

        // One event's names: what the dashboard asks when a custom event is clicked.
        ApiClient.Answer signedUp = shopPropertyNames(", \"filters\": [[\"is\", \"event:name\", [\"Signed Up\"]]]");
        assertThat(signedUp.body().path("results").toString()).isEqualTo("[{\"name\":\"plan\",\"events\":1}]");

        // Events carry their visit's attributes: the names of the events of visits from Google
        // (anna's: plan, on her "Signed Up"), and of the visits that left on / (eve's "Clicked
        // Buy" {plan: team}; dan's one page view has none).
        ApiClient.Answer bySource = shopPropertyNames(", \"filters\": [[\"is\", \"visit:source\", [\"google\"]]]");
        assertThat(bySource.status()).as(bySource.body().toString()).isEqualTo(200);
        assertThat(bySource.body().path("results").toString()).isEqualTo("[{\"name\":\"plan\",\"events\":1}]");
        ApiClient.Answer byExitPage = shopPropertyNames(", \"filters\": [[\"is\", \"visit:exit_page\", [\"/\"]]]");
        assertThat(byExitPage.body().path("results").toString()).isEqualTo("[{\"name\":\"plan\",\"events\":1}]");
        // Goal conversions are not events: an event:goal filter is refused, naming it.
        ApiClient.Answer byGoal = shopPropertyNames(", \"filters\": [[\"is\", \"event:goal\", [\"Signup\"]]]");
        assertThat(byGoal.status()).isEqualTo(400);
        assertThat(byGoal.error()).isEqualTo("Property names are read from events: Footfall cannot filter them by "
                + "`event:goal` (read from goal conversions); see \"Where the numbers come from\" in docs/stats-api.md.");

        // A key reads only its sites; the grammar is the query's.
        ApiClient.Answer unknownField = api.post(ConsoleServer.PROPERTIES_ROUTE,
                "{\"site_id\": \"shop\", \"date_range\": \"day\", \"metrics\": [\"events\"]}",
                Map.of("Authorization", "Bearer " + shopKey));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.error()).isEqualTo("#/metrics: Schema does not allow additional properties.");
        ApiClient.Answer otherSite = api.post(ConsoleServer.PROPERTIES_ROUTE,
                "{\"site_id\": \"shop\", \"date_range\": \"day\"}", Map.of("Authorization", "Bearer " + otherKey));
        assertThat(otherSite.status()).isEqualTo(403);
    }

    @Test
    void filters() {
        String metrics = "\"visitors\", \"pageviews\"";
        // is / is_not on a visit attribute stored on both indices.
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"is\", \"visit:browser\", [\"Firefox\"]]]")))
                .containsExactly(row(2L, 4L)); // anna (3 views), dan (1)
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"is_not\", \"visit:device\", [\"mobile\"]]]")))
                .containsExactly(row(3L, 5L)); // eve 1, anna 3, dan 1
        // contains, case-sensitive by default and not when asked.
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"contains\", \"event:page\", [\"pric\"]]]")))
                .containsExactly(row(2L, 2L)); // a2, b1 (+ a3, a custom event)
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"contains\", \"event:page\", [\"PRIC\"]]]")))
                .containsExactly(row(0L, 0L));
        assertThat(rows(body("\"visitors\", \"events\"", BOTH_DAYS,
                "\"filters\": [[\"contains\", \"event:name\", [\"signed\"], {\"case_sensitive\": false}]]")))
                .containsExactly(row(1L, 1L));
        // matches: a regular expression, anchored by the caller.
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"matches\", \"event:page\", [\"^/(blog|docs)$\"]]]")))
                .containsExactly(row(2L, 2L)); // c1 (cara), a4 (anna)
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"matches\", \"event:page\", [\"o\"]]]")))
                .containsExactly(row(2L, 2L)); // /blog, /docs: "o" anywhere
        assertThat(rows(body("\"events\"", BOTH_DAYS, "\"filters\": [[\"matches\", \"event:name\", [\"^page\"]]]")))
                .containsExactly(row(7L)); // "pageview" matches
        // and, or, not.
        assertThat(rows(body(metrics, BOTH_DAYS,
                "\"filters\": [[\"or\", [[\"is\", \"visit:os\", [\"iOS\"]], [\"is\", \"visit:os\", [\"Android\"]]]]]")))
                .containsExactly(row(2L, 2L)); // ben, cara
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"not\", [\"is\", \"event:page\", [\"/\"]]]]")))
                .containsExactly(row(3L, 4L)); // a2 a3 a4 b1 c1 c2 -> anna, ben, cara; views a2 a4 b1 c1
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"and\", [[\"is\", \"visit:device\", [\"desktop\"]], "
                + "[\"not\", [\"is\", \"visit:browser\", [\"Firefox\"]]]]]]")))
                .containsExactly(row(1L, 1L)); // eve
        // A visit attribute: the whole visit counts.
        assertThat(rows(body(metrics + ", \"bounce_rate\"", BOTH_DAYS, "\"filters\": [[\"is\", \"visit:source\", [\"google\"]]]")))
                .containsExactly(row(1L, 3L, 0L));
        assertThat(rows(body(metrics, BOTH_DAYS, "\"filters\": [[\"matches\", \"visit:entry_page\", [\"^/p\"]]]")))
                .containsExactly(row(1L, 1L)); // ben
        // bounce rate with a page filter is the bounce rate of visits entering there (Plausible's reading).
        assertThat(rows(body("\"bounce_rate\"", BOTH_DAYS, "\"filters\": [[\"is\", \"event:page\", [\"/\"]]]")))
                .containsExactly(row(33L));
        assertThat(rows(body("\"visitors\"", BOTH_DAYS, "\"filters\": [[\"is\", \"visit:country\", [\"DE\"]]]")))
                .containsExactly(row(3L));
    }

    // ---- visit attributes with event attributes (1 March: a late event and a merge) ----------

    @Test
    void topPagesOfTheVisitsFromOneSource() {
        // The visits from Twitter: fay's (f1 /, f2 /pricing, f3 a custom event on /pricing) and
        // hal's (h1 /pricing). f2 and f3 were written while fay's visit started at f2, from the
        // shop's own page ("internal"); the late f1 made it a Twitter visit, and rewrote them.
        // Views and visitors by page: / f1 (fay) = 1, 1; /pricing f2, h1 (fay, hal) = 2, 2.
        // Bounce rate by entry page, of the Twitter visits: / fay, not a bounce = 0;
        // /pricing hal, a bounce = 100.
        assertThat(rows(body("\"visitors\", \"pageviews\", \"bounce_rate\"", FIRST_DAY,
                "\"dimensions\": [\"event:page\"], \"filters\": [[\"is\", \"visit:source\", [\"twitter\"]]]")))
                .containsExactly(row("/pricing", 2L, 2L, 100L), row("/", 1L, 1L, 0L));
        // The merge gave gus's second visit (u3 /pricing, u4) the first one's entry page, /blog:
        // the pages of visits entering on /blog are all three of gus's, one view each.
        assertThat(rows(body("\"pageviews\"", FIRST_DAY,
                "\"dimensions\": [\"event:page\"], \"filters\": [[\"is\", \"visit:entry_page\", [\"/blog\"]]]")))
                .containsExactly(row("/blog", 1L), row("/docs", 1L), row("/pricing", 1L));
    }

    @Test
    void customEventsOfTheVisitsFromOneSource() {
        // gus's merged visit is from Hacker News (its first visit's source): u1 u2 u3 are page
        // views, u4 "Signed Up", which was written as a direct visit's before the merge. One
        // visitor each: equal rows come in the order of their names ("S" before "p").
        assertThat(rows(body("\"visitors\", \"events\"", FIRST_DAY,
                "\"dimensions\": [\"event:name\"], \"filters\": [[\"is\", \"visit:source\", [\"hacker news\"]]]")))
                .containsExactly(row("Signed Up", 1L, 1L), row("pageview", 1L, 3L));
        // Who signed up, by source, 1 and 2 March: gus (hacker news, 1 March) and anna (google,
        // 2 March 18:53 in New York).
        assertThat(rows(body("\"visitors\"", "[\"2026-03-01\", \"2026-03-02\"]",
                "\"dimensions\": [\"visit:source\"], \"filters\": [[\"is\", \"event:name\", [\"Signed Up\"]]]")))
                .containsExactly(row("google", 1L), row("hacker news", 1L));
        // The property of a custom event, by the source of its visit: plan pro (fay, twitter),
        // team (gus, hacker news).
        assertThat(rows(body("\"events\"", FIRST_DAY,
                "\"dimensions\": [\"visit:source\", \"event:props:plan\"], \"filters\": [[\"is\", \"event:name\", "
                        + "[\"Clicked Buy\", \"Signed Up\"]]]")))
                .containsExactly(row("hacker news", "team", 1L), row("twitter", "pro", 1L));
    }

    @Test
    void sourcesOfTheVisitsThatSawAPage() {
        // Events on /pricing: f2 f3 (fay), h1 (hal), both from Twitter; u3 u4 (gus), Hacker News.
        // Visitors and visits: twitter 2, hacker news 1.
        // Visit duration of the visits that saw /pricing: twitter (fay 420 + hal 0) / 2 = 210;
        // hacker news gus 3,060. Bounce rate, as Plausible reads a page filter, of those that
        // entered on /pricing: twitter hal only, a bounce = 100; hacker news none = 0.
        assertThat(rows(body("\"visitors\", \"visits\", \"bounce_rate\", \"visit_duration\"", FIRST_DAY,
                "\"dimensions\": [\"visit:source\"], \"filters\": [[\"is\", \"event:page\", [\"/pricing\"]]]")))
                .containsExactly(row("twitter", 2L, 2L, 100L, 210L), row("hacker news", 1L, 1L, 0L, 3060L));
        // The same split by device: desktop fay and gus, (420 + 3,060) / 2 = 1,740 s; mobile hal, 0 s.
        assertThat(rows(body("\"visitors\", \"visit_duration\"", FIRST_DAY,
                "\"dimensions\": [\"visit:device\"], \"filters\": [[\"is\", \"event:page\", [\"/pricing\"]]]")))
                .containsExactly(row("desktop", 2L, 1740L), row("mobile", 1L, 0L));
    }

    @Test
    void visitMetricsFilteredByWhatTheVisitsEventsWere() {
        // Visits with a "Signed Up": gus's only (the merged one; its two halves are one visit):
        // 1 visit, not a bounce, 3,060 s.
        assertThat(rows(body("\"visits\", \"bounce_rate\", \"visit_duration\"", FIRST_DAY,
                "\"filters\": [[\"is\", \"event:name\", [\"Signed Up\"]]]")))
                .containsExactly(row(1L, 0L, 3060L));
        // Visits with a custom event whose plan is pro: fay's, 420 s.
        assertThat(rows(body("\"visit_duration\"", FIRST_DAY, "\"filters\": [[\"is\", \"event:props:plan\", [\"pro\"]]]")))
                .containsExactly(row(420L));
        // Visits with a page view: all three; hal's bounced: 1 of 3 = 33.
        assertThat(rows(body("\"bounce_rate\"", FIRST_DAY, "\"filters\": [[\"is\", \"event:name\", [\"pageview\"]]]")))
                .containsExactly(row(33L));
        // On a host: all three (the shop's); views per visit (2 + 1 + 3) / 3 = 2.
        assertThat(rows(body("\"views_per_visit\"", FIRST_DAY, "\"filters\": [[\"is\", \"event:hostname\", [\"shop.example\"]]]")))
                .containsExactly(row(2.0));
        // Visits that never saw /docs: fay and hal, (420 + 0) / 2 = 210 s (gus saw it).
        assertThat(rows(body("\"visit_duration\"", FIRST_DAY, "\"filters\": [[\"is_not\", \"event:page\", [\"/docs\"]]]")))
                .containsExactly(row(210L));
        // 2 and 3 March: the visits that saw /pricing are anna's (1,200 s, entered on /) and ben's
        // (0 s, entered there, a bounce): duration (1,200 + 0) / 2 = 600; bounce rate of those
        // entering on /pricing, ben's = 100.
        assertThat(rows(body("\"visit_duration\", \"bounce_rate\"", BOTH_DAYS,
                "\"filters\": [[\"is\", \"event:page\", [\"/pricing\"]]]")))
                .containsExactly(row(600L, 100L));
    }

    @Test
    void theExitPageFiltersEventsThroughTheVisitsThatEndThere() {
        // 2 and 3 March, visits leaving on /: eve's and dan's. Their events on /: e1 and e2 (eve's
        // custom event on /) and d1: visitors 2, page views e1 + d1 = 2.
        assertThat(rows(body("\"visitors\", \"pageviews\"", BOTH_DAYS, "\"filters\": [[\"is\", \"visit:exit_page\", [\"/\"]], "
                + "[\"is\", \"event:page\", [\"/\"]]]")))
                .containsExactly(row(2L, 2L));
        // The top pages of the other visits: anna's (a1 /, a2 /pricing, a4 /docs), ben's (b1
        // /pricing) and cara's (c1 /blog). /pricing anna and ben: 2 visitors, 2 views; then one
        // each, in the order of their paths.
        assertThat(rows(body("\"visitors\", \"pageviews\"", BOTH_DAYS, "\"dimensions\": [\"event:page\"], "
                + "\"filters\": [[\"is_not\", \"visit:exit_page\", [\"/\"]]]")))
                .containsExactly(row("/pricing", 2L, 2L), row("/", 1L, 1L), row("/blog", 1L, 1L), row("/docs", 1L, 1L));
        // Grouped by the exit page, visitors and visits come from the visits: those that saw
        // /pricing are anna's (left on /docs) and ben's (left on /pricing).
        assertThat(rows(body("\"visitors\", \"visits\"", BOTH_DAYS, "\"dimensions\": [\"visit:exit_page\"], "
                + "\"filters\": [[\"is\", \"event:page\", [\"/pricing\"]]]")))
                .containsExactly(row("/docs", 1L, 1L), row("/pricing", 1L, 1L));
        // Visit metrics: the visits that left on /pricing and saw /docs, on 1 March: gus's, 3,060 s.
        assertThat(rows(body("\"visit_duration\"", FIRST_DAY, "\"filters\": [[\"is\", \"visit:exit_page\", [\"/pricing\"]], "
                + "[\"is\", \"event:page\", [\"/docs\"]]]")))
                .containsExactly(row(3060L));
        // Page views grouped by the exit page with an event attribute would need each event's exit page.
        ApiClient.Answer refused = api.query(shopKey, body("\"pageviews\"", BOTH_DAYS,
                "\"dimensions\": [\"visit:exit_page\"], \"filters\": [[\"is\", \"event:page\", [\"/pricing\"]]]"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error())
                .startsWith("Footfall cannot group by `visit:exit_page` with `event:page` for metric(s) `pageviews`");
    }

    @Test
    void orderAndPagination() {
        JsonNode response = query(body("\"visitors\", \"pageviews\"", BOTH_DAYS,
                "\"dimensions\": [\"event:page\"], \"order_by\": [[\"pageviews\", \"asc\"], [\"event:page\", \"desc\"]], "
                        + "\"pagination\": {\"limit\": 2, \"offset\": 1}, \"include\": {\"total_rows\": true}"));
        // Ascending views, then page descending: /docs 1, /blog 1, /pricing 2, / 3; skip one, take two.
        assertThat(response.path("results").toString()).isEqualTo(
                "[{\"metrics\":[1,1],\"dimensions\":[\"/blog\"]},{\"metrics\":[2,2],\"dimensions\":[\"/pricing\"]}]");
        assertThat(response.at("/meta/total_rows").asInt()).isEqualTo(4);
    }

    @Test
    void realtimeVisitorsAreTheLastFiveMinutes() {
        // At 05:33 UTC the last five minutes hold cara's two events; dan's 05:10 view is older.
        clock.set(Instant.parse("2026-03-03T05:33:00Z"));
        try {
            ApiClient.Answer answer = api.get("/api/v1/stats/realtime/visitors?site_id=shop",
                    Map.of("Authorization", "Bearer " + shopKey));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().asLong()).isEqualTo(1);
        } finally {
            clock.set(NOW);
        }
    }

    @Test
    void aKeyReadsOnlyItsSites() {
        ApiClient.Answer other = api.query(otherKey, body("\"visitors\"", "\"day\"", ""));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.error()).contains("'shop'");
        ApiClient.Answer realtime = api.get("/api/v1/stats/realtime/visitors?site_id=shop",
                Map.of("Authorization", "Bearer " + otherKey));
        assertThat(realtime.status()).isEqualTo(403);
        // Its own site answers (with nothing in it).
        ApiClient.Answer own = api.query(otherKey, "{\"site_id\": \"other\", \"metrics\": [\"visitors\"], \"date_range\": \"day\"}");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().at("/results/0/metrics/0").asLong()).isZero();
    }

    private static Site site(String id, String zone) {
        return new Site(id, List.of(), Set.of(), ZoneId.of(zone));
    }

    private static final String GOAL_METRICS = "\"visitors\", \"events\", \"conversion_rate\"";

    @Test
    void goalsWithVisitorsEventsAndConversionRate() {
        // Both days: 5 visitors (eve, anna, ben, cara, dan; the bot never counts).
        //   Saw pricing  anna, ben: 2 visitors, 2 events, 2 / 5 = 40 %
        //   Bought team  eve:       1, 1, 1 / 5 = 20 %
        //   Signup       anna:      1, 1 (the retry is dropped), 20 %
        // Read docs twice matched nothing (/docs is not /docs/...): no row, as in Plausible.
        // Order: visitors descending, then the goal's name.
        assertThat(rows(body(GOAL_METRICS, BOTH_DAYS, "\"dimensions\": [\"event:goal\"]")))
                .containsExactly(row("Saw pricing", 2L, 2L, 40.0), row("Bought team", 1L, 1L, 20.0),
                        row("Signup", 1L, 1L, 20.0));
        // New York's 2 March alone: eve, anna, ben are its 3 visitors: 2 / 3 = 66.67 %, 1 / 3 = 33.33 %.
        assertThat(rows(body(GOAL_METRICS, "[\"2026-03-02\", \"2026-03-02\"]", "\"dimensions\": [\"event:goal\"]")))
                .containsExactly(row("Saw pricing", 2L, 2L, 66.67), row("Bought team", 1L, 1L, 33.33),
                        row("Signup", 1L, 1L, 33.33));
        // 3 March: cara and dan converted nothing.
        assertThat(rows(body(GOAL_METRICS, "[\"2026-03-03\", \"2026-03-03\"]", "\"dimensions\": [\"event:goal\"]")))
                .isEmpty();
    }

    @Test
    void goalFiltersAndOtherFiltersOnConversions() {
        // is Signup: anna, 1 of 5 visitors.
        assertThat(rows(body(GOAL_METRICS, BOTH_DAYS, "\"filters\": [[\"is\", \"event:goal\", [\"Signup\"]]]")))
                .containsExactly(row(1L, 1L, 20.0));
        // contains "pric" (case-insensitive): Saw pricing, anna and ben.
        assertThat(rows(body(GOAL_METRICS, BOTH_DAYS,
                "\"filters\": [[\"contains\", \"event:goal\", [\"PRIC\"], {\"case_sensitive\": false}]]")))
                .containsExactly(row(2L, 2L, 40.0));
        // is_not Saw pricing, by goal: the other two.
        assertThat(rows(body(GOAL_METRICS, BOTH_DAYS,
                "\"dimensions\": [\"event:goal\"], \"filters\": [[\"is_not\", \"event:goal\", [\"Saw pricing\"]]]")))
                .containsExactly(row("Bought team", 1L, 1L, 20.0), row("Signup", 1L, 1L, 20.0));
        // Firefox: anna and dan are its 2 visitors; anna saw pricing and signed up: 1 / 2 = 50 % each.
        assertThat(rows(body(GOAL_METRICS, BOTH_DAYS,
                "\"dimensions\": [\"event:goal\"], \"filters\": [[\"is\", \"visit:browser\", [\"Firefox\"]]]")))
                .containsExactly(row("Saw pricing", 1L, 1L, 50.0), row("Signup", 1L, 1L, 50.0));
        // A goal the site does not have is refused, as Plausible refuses it.
        ApiClient.Answer unknown = api.query(shopKey, body(GOAL_METRICS, BOTH_DAYS,
                "\"filters\": [[\"is\", \"event:goal\", [\"Signup\", \"Nope\"]]]"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).isEqualTo("#/filters/0/2/1: The goal `Nope` is not configured for this site.");
    }

    @Test
    void goalConversionRateOfTheVisitsFromOneSource() {
        // 1 March, visits from Twitter with an event on shop.example (a visit attribute with an
        // event attribute: the denominator is read from the events' copy of their visit's
        // source): fay (her late / made her visit a Twitter one) and hal = 2 visitors.
        // Conversions carry their event's own source (docs/index-schema.md): hal's /pricing came
        // from t.co (twitter), fay's /pricing from the shop's home page ("internal"), so Saw pricing
        // is hal alone, 1 visitor, 1 event, 1 / 2 = 50 %. gus's Hacker News visit is not in it.
        assertThat(rows(body(GOAL_METRICS, FIRST_DAY, "\"dimensions\": [\"event:goal\"], \"filters\": "
                + "[[\"is\", \"visit:source\", [\"twitter\"]], [\"is\", \"event:hostname\", [\"shop.example\"]]]")))
                .containsExactly(row("Saw pricing", 1L, 1L, 50.0));
        // Firefox on 1 March: gus, 1 visitor (two visits merged into one); both his conversions,
        // u3 /pricing and u4 "Signed Up", carry Firefox: 1 / 1 = 100 % each.
        assertThat(rows(body(GOAL_METRICS, FIRST_DAY, "\"dimensions\": [\"event:goal\"], \"filters\": "
                + "[[\"is\", \"visit:browser\", [\"Firefox\"]], [\"is\", \"event:hostname\", [\"shop.example\"]]]")))
                .containsExactly(row("Saw pricing", 1L, 1L, 100.0), row("Signup", 1L, 1L, 100.0));
    }

    private JsonNode funnel(String json) {
        ApiClient.Answer answer = api.post(ConsoleServer.FUNNEL_ROUTE, json, Map.of("Authorization", "Bearer " + shopKey));
        assertThat(answer.status()).as("%s -> %s", json, answer.body()).isEqualTo(200);
        return answer.body();
    }

    /** A funnel's steps as [name, visitors, conversion_rate, dropoff] lists. */
    private List<List<Object>> steps(String json) {
        List<List<Object>> steps = new ArrayList<>();
        for (JsonNode step : funnel(json).path("steps")) {
            steps.add(List.of(step.path("name").asText(), step.path("visitors").asLong(),
                    step.path("conversion_rate").asDouble(), step.path("dropoff").asLong()));
        }
        return steps;
    }

    @Test
    void funnelStepsWithConversionRateAndDropoff() {
        // Pricing to signup over both days: step 1 eve and anna = 2; step 2 anna = 1 (50 % of 2,
        // 1 dropped); step 3 anna = 1 (50 %, 0 dropped). Labels: the page, the step's name, the event.
        String both = "{\"site_id\": \"shop\", \"funnel\": \"Pricing to signup\", \"date_range\": " + BOTH_DAYS + "}";
        assertThat(steps(both)).containsExactly(List.of("/", 2L, 100.0, 0L), List.of("Pricing", 1L, 50.0, 1L),
                List.of("Signed Up", 1L, 50.0, 0L));
        assertThat(funnel(both).path("funnel").asText()).isEqualTo("Pricing to signup");
        // Chrome: eve alone, who stopped at step 1.
        assertThat(steps("{\"site_id\": \"shop\", \"funnel\": \"Pricing to signup\", \"date_range\": " + BOTH_DAYS
                + ", \"filters\": [[\"is\", \"visit:browser\", [\"Chrome\"]]]}"))
                .containsExactly(List.of("/", 1L, 100.0, 0L), List.of("Pricing", 0L, 0.0, 1L), List.of("Signed Up", 0L, 0.0, 0L));
        // Attempts count on the day they started: both started on New York's 2 March, none on the 3rd.
        assertThat(steps("{\"site_id\": \"shop\", \"funnel\": \"Pricing to signup\", \"date_range\": "
                + "[\"2026-03-03\", \"2026-03-03\"]}"))
                .containsExactly(List.of("/", 0L, 0.0, 0L), List.of("Pricing", 0L, 0.0, 0L), List.of("Signed Up", 0L, 0.0, 0L));
        // Blog to scroll over March (1 to 3 March so far): step 1 gus (1 March) and cara = 2; step 2
        // cara alone = 1, 1 / 2 = 50 %, 1 dropped.
        assertThat(steps("{\"site_id\": \"shop\", \"funnel\": \"Blog to scroll\", \"date_range\": \"month\"}"))
                .containsExactly(List.of("/blog", 2L, 100.0, 0L), List.of("Scrolled", 1L, 50.0, 1L));
    }

    @Test
    void aFunnelRequestIsCheckedFieldByField() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + shopKey);
        Map<String, String> expected = Map.of(
                "{\"site_id\": \"shop\", \"funnel\": \"Nope\", \"date_range\": \"month\"}",
                "#/funnel: Unknown funnel `Nope` for site `shop` (its funnels: `Pricing to signup`, `Blog to scroll`).",
                "{\"site_id\": \"shop\", \"funnel\": 5, \"date_range\": \"month\"}",
                "#/funnel: Type mismatch. Expected a funnel's name (String) but got Integer.",
                "{\"site_id\": \"shop\", \"date_range\": \"month\"}",
                "#: Required property funnel was not present.",
                "{\"site_id\": \"shop\", \"funnel\": \"Blog to scroll\", \"date_range\": \"8d\"}",
                "#/date_range: Invalid date range \"8d\" (use day, 7d, 28d, 30d, 91d, month, 6mo, 12mo, year, all, or [start, end])",
                "{\"site_id\": \"shop\", \"funnel\": \"Blog to scroll\", \"date_range\": \"month\", \"steps\": 2}",
                "#/steps: Schema does not allow additional properties.",
                "{\"site_id\": \"shop\", \"funnel\": \"Blog to scroll\", \"date_range\": \"month\", "
                        + "\"filters\": [[\"is\", \"event:page\", [\"/\"]]]}",
                "#/filters/0: Footfall cannot filter funnels by `event:page`: an attempt carries the visit attributes "
                        + "of its first event (hostname, source, UTM source, medium and campaign, device, browser, OS, country).");
        expected.forEach((json, message) -> {
            ApiClient.Answer answer = api.post(ConsoleServer.FUNNEL_ROUTE, json, auth);
            assertThat(answer.status()).as(json).isEqualTo(400);
            assertThat(answer.error()).as(json).isEqualTo(message);
        });
        String mine = "{\"site_id\": \"shop\", \"funnel\": \"Blog to scroll\", \"date_range\": \"month\"}";
        assertThat(api.post(ConsoleServer.FUNNEL_ROUTE, mine, Map.of()).status()).isEqualTo(401);
        assertThat(api.post(ConsoleServer.FUNNEL_ROUTE, mine, Map.of("Authorization", "Bearer " + otherKey)).status())
                .isEqualTo(403);
        assertThat(api.get(ConsoleServer.FUNNEL_ROUTE, Map.of("Authorization", "Bearer " + shopKey)).status())
                .isEqualTo(405);
    }
}
