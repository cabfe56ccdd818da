package dev.footfall.dashboards.data;

import static dev.footfall.dashboards.data.ShippedPanels.FILE;
import static dev.footfall.dashboards.data.ShippedPanels.REALTIME;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.opensearch.OpenSearchSetup;
import dev.footfall.dashboards.translate.SavedVisualization;
import dev.footfall.dashboards.translate.TimeRange;
import dev.footfall.dashboards.translate.TranslatedSearch;
import dev.footfall.dashboards.translate.VisualizationTranslator;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.index.client.Endpoint;
import dev.footfall.index.client.RestClient;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped visualization, translated to the request OpenSearch Dashboards would send, run
 * against a real node holding pipeline documents that went in through the index templates; the
 * rows a user would see are checked against values worked out by hand from the story in
 * {@link ScriptedPipelineOutput}. Swap {@link #OUTPUT} for the Flink job's output of the same
 * story and the expectations stay.
 */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardDataITCase {

    static final PipelineOutput OUTPUT = new ScriptedPipelineOutput();
    private static final Map<String, List<List<Object>>> EXPECTED = new HashMap<>();

    private OpenSearchTestClient search;

    private static void expect(String visId, List<?>... rows) {
        List<List<Object>> list = new ArrayList<>();
        for (List<?> r : rows) {
            list.add(new ArrayList<>(r));
        }
        EXPECTED.put(visId, list);
    }

    private static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }

    private static Instant at(String hhmmss) {
        return Instant.parse("2025-03-14T" + (hhmmss.length() == 5 ? hhmmss + ":00" : hhmmss) + "Z");
    }

    static {
        // Traffic overview: 4 human visitors (the bot is left out), 8 human page views, 5 human sessions.
        expect("footfall-traffic-visitors", row(4L));
        expect("footfall-traffic-pageviews", row(8L));
        expect("footfall-traffic-sessions", row(5L));
        expect("footfall-traffic-bounce-rate", row("Bounced", 2L), row("Engaged", 3L));
        expect("footfall-traffic-avg-duration", row(90L)); // (180 + 180 + 0 + 60 + 30) / 5
        expect("footfall-traffic-over-time", // 45 minutes -> 1-minute buckets; pageviews, visitors
                row(at("10:00"), 1L, 1L), row(at("10:01"), 1L, 1L), row(at("10:03"), 1L, 1L), row(at("10:05"), 1L, 1L),
                row(at("10:10"), 1L, 1L), row(at("10:41"), 1L, 1L), row(at("10:42"), 2L, 2L));
        expect("footfall-traffic-sessions-over-time", // rollup site rows: sessions, bounces
                row(at("10:00"), 1L, 0L), row(at("10:01"), 0L, 0L), row(at("10:02"), 0L, 0L), row(at("10:03"), 0L, 0L),
                row(at("10:05"), 1L, 1L), row(at("10:10"), 1L, 0L), row(at("10:11"), 0L, 0L), row(at("10:12"), 0L, 0L),
                row(at("10:13"), 0L, 0L), row(at("10:41"), 1L, 0L), row(at("10:42"), 1L, 1L), row(at("10:44"), 1L, 0L));
        expect("footfall-traffic-top-pages",
                row("/", 3L, 2L), row("/pricing", 3L, 3L), row("/blog", 1L, 1L), row("/docs", 1L, 1L));
        expect("footfall-traffic-entry-pages", row("/", 2L), row("/pricing", 2L), row("/blog", 1L));
        expect("footfall-traffic-exit-pages", row("/", 2L), row("/pricing", 2L), row("/docs", 1L));
        expect("footfall-traffic-sources", row("direct", "none", 2L, 2L), row("google", "organic", 1L, 1L),
                row("news.ycombinator.com", "referral", 1L, 1L), row("newsletter", "email", 1L, 1L));
        expect("footfall-traffic-referrers", row("news.ycombinator.com", 1L), row("www.google.com", 1L));
        expect("footfall-traffic-campaigns", row("spring_sale", "newsletter", "email", 1L));
        expect("footfall-traffic-browsers", row("Chrome", 2L), row("Safari", 2L), row("Firefox", 1L));
        expect("footfall-traffic-os", row("iOS", 2L), row("Android", 1L), row("Windows", 1L), row("macOS", 1L));
        expect("footfall-traffic-devices", row("mobile", 3L), row("desktop", 2L));
        expect("footfall-traffic-countries", row("DE", 2L, 2L), row("FR", 1L, 1L));

        // Custom events: Signed Up (v1, v2), Clicked Buy (v2), Scrolled (v4, not interactive).
        expect("footfall-events-over-time", row(at("10:02"), "Signed Up", 1L), row(at("10:11"), "Clicked Buy", 1L),
                row(at("10:12"), "Signed Up", 1L), row(at("10:43"), "Scrolled", 1L));
        expect("footfall-events-top", row("Signed Up", 2L, 2L), row("Clicked Buy", 1L, 1L), row("Scrolled", 1L, 1L));
        expect("footfall-events-by-property", row("Signed Up", "plan=pro", 1L), row("Signed Up", "plan=team", 1L),
                row("Clicked Buy", "plan=team", 1L));
        expect("footfall-events-property-values", row("plan=team", 2L), row("button=hero", 1L), row("depth=50", 1L),
                row("nonInteraction=true", 1L), row("plan=pro", 1L));

        // Realtime, 10:40-10:45: v3 on /blog and /, v4 on /pricing and scrolling; the bot is left out.
        expect("footfall-realtime-visitors", row(2L));
        expect("footfall-realtime-events", row(4L));
        expect("footfall-realtime-pageviews", row(3L));
        expect("footfall-realtime-timeline", // 5 minutes -> 5-second buckets
                row(at("10:41:00"), "page", 1L), row(at("10:42:00"), "page", 1L), row(at("10:42:30"), "page", 1L),
                row(at("10:43:00"), "track", 1L));
        expect("footfall-realtime-pages", row("/", 1L, 1L), row("/blog", 1L, 1L), row("/pricing", 1L, 1L));
        expect("footfall-realtime-event-names", row("Scrolled", 1L));

        // Goals and funnels: conversions and converting visitors per goal; visitors at each step
        // or further, distinct (v3's two attempts at step 1 count once), steps 4-8 empty.
        expect("footfall-goals-conversions", row("Saw pricing", 3L, 3L), row("Signup", 2L, 2L));
        long[] reached = {2, 1, 1, 0, 0, 0, 0, 0};
        List<List<?>> steps = new java.util.ArrayList<>();
        for (int k = 1; k <= 8; k++) {
            steps.add(row("Pricing to signup", "Step " + k, reached[k - 1]));
        }
        expect("footfall-funnels-steps", steps.toArray(List[]::new));

        // Pipeline health.
        expect("footfall-health-invalid-over-time", row(at("10:05"), "invalid_timestamp", 1L),
                row(at("10:05"), "missing_event_name", 1L), row(at("10:30"), "malformed_json", 1L));
        expect("footfall-health-invalid-reasons", row("invalid_timestamp", 1L), row("malformed_json", 1L),
                row("missing_event_name", 1L));
        expect("footfall-health-totals", row(16L, 1L, 1L, 3L));
        expect("footfall-health-dropped-over-time",
                row(at("10:00"), 0L, 0L, 0L), row(at("10:01"), 0L, 0L, 0L), row(at("10:02"), 1L, 0L, 0L),
                row(at("10:03"), 0L, 0L, 0L), row(at("10:05"), 0L, 0L, 2L), row(at("10:10"), 0L, 0L, 0L),
                row(at("10:11"), 0L, 0L, 0L), row(at("10:12"), 0L, 0L, 0L), row(at("10:13"), 0L, 0L, 0L),
                row(at("10:30"), 0L, 0L, 1L), row(at("10:41"), 0L, 0L, 0L), row(at("10:42"), 0L, 0L, 0L),
                row(at("10:43"), 0L, 1L, 0L), row(at("10:44"), 0L, 0L, 0L));
        expect("footfall-health-lag",
                row(at("10:00"), 100L, 150L), row(at("10:01"), 100L, 150L), row(at("10:02"), 150L, 300L),
                row(at("10:03"), 100L, 150L), row(at("10:05"), 100L, 150L), row(at("10:10"), 100L, 150L),
                row(at("10:11"), 100L, 150L), row(at("10:12"), 100L, 150L), row(at("10:13"), 100L, 150L),
                row(at("10:30"), 0L, 0L), row(at("10:41"), 100L, 150L), row(at("10:42"), 100L, 150L),
                row(at("10:43"), 1130L, 2500L), row(at("10:44"), 100L, 150L));
        expect("footfall-health-lag-max", row(2500L, 170L)); // mean of the 14 per-minute averages
    }

    @BeforeAll
    void loadThePipelineOutput(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        this.search = search;
        RestClient client = new RestClient(Endpoint.of("OpenSearch", node.httpUrl()));
        OpenSearchSetup.apply(client, OpenSearchSetup.Settings.defaults());
        for (IndexFamily family : IndexFamily.values()) {
            search.deleteIndex(family.dailyIndex(ScriptedPipelineOutput.DAY));
        }
        OUTPUT.writeTo(search);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.footfall.dashboards.data.ShippedPanels#readingAnIndex")
    void panelShowsTheExpectedRows(String id, SavedVisualization vis) {
        TimeRange range = REALTIME.contains(id) ? OUTPUT.lastFiveMinutes() : OUTPUT.range();

        TranslatedSearch request = VisualizationTranslator.translate(vis, FILE, range);
        JsonNode response = search.search(request.index(), request.body().toString());
        List<List<Object>> rows = request.rows(response);

        assertThat(EXPECTED).as("expected rows for " + id).containsKey(id);
        assertThat(rows).as(id + " (request " + request.body() + ")").isNotEmpty().isEqualTo(EXPECTED.get(id));
    }

    @Test
    void everyExpectationBelongsToAShippedPanel() {
        assertThat(new TreeSet<>(EXPECTED.keySet())).isEqualTo(ShippedPanels.idsReadingAnIndex());
    }

    @Test
    void theRealtimeDashboardPanelsAreTheOnesCheckedOverFiveMinutes() {
        assertThat(ShippedPanels.onDashboard("footfall-realtime")).isEqualTo(new TreeSet<>(REALTIME));
    }
}
