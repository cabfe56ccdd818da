package dev.footfall.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Days written by a job that did not yet copy visit attributes onto events nor list a visit's
 * events on its session: such documents lack the fields, so a query that needs them is refused
 * over those days with the first day it can answer, and answered from that day on; queries that
 * need none of them answer over every day as before.
 *
 * <p>The documents are written here, field for field as each version of the job wrote them (an
 * older job cannot run here): 10 February as before, 11 February as now. Each day one visitor,
 * from Google, views / and then /pricing.
 */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatsApiOverOlderDocumentsITCase {

    private static final String SITE = "legacy";
    private static final String BOTH_DAYS = "[\"2026-02-10\", \"2026-02-11\"]";
    private static final String NEWER_DAY = "[\"2026-02-11\", \"2026-02-11\"]";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-20T12:00:00Z"));
    private OpenSearchTestClient search;
    private ConsoleServer console;
    private ApiClient api;
    private String key;

    @BeforeAll
    void writeBothVersionsDocuments(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        this.search = search;
        ProductIndexTemplates.install(node);
        deleteDays();
        visit("2026-02-10", "old", false);
        visit("2026-02-11", "new", true);
        search.refresh("footfall-*");
        console = ConsoleServer.start(ConsoleConfig.defaults().with("console.port", "0"),
                Sites.of(new Site(SITE, List.of(), Set.of(), ZoneId.of("UTC"))), OpenSearchAccess.of(node.httpUrl()), clock);
        api = new ApiClient("http://127.0.0.1:" + console.port());
        key = console.keys().create("legacy reader", List.of(SITE)).join().key();
    }

    @AfterAll
    void stop() {
        if (console != null) {
            console.close();
        }
        deleteDays();
        ProductIndexTemplates.remove(search);
    }

    private void deleteDays() {
        for (IndexFamily family : List.of(IndexFamily.EVENTS, IndexFamily.SESSIONS)) {
            search.deleteIndex(family.dailyIndex(LocalDate.parse("2026-02-10")));
            search.deleteIndex(family.dailyIndex(LocalDate.parse("2026-02-11")));
        }
    }

    /** One visit of two page views at 10:00 and 10:05, written as the job of that version wrote it. */
    private void visit(String day, String visitor, boolean current) {
        String session = visitor + "-session";
        Map<String, Object> events = new HashMap<>();
        events.put(SITE + ":" + visitor + "1", event(day + "T10:00:00Z", visitor + "1", visitor, session, "/", "google",
                current));
        events.put(SITE + ":" + visitor + "2", event(day + "T10:05:00Z", visitor + "2", visitor, session, "/pricing",
                "internal", current));
        search.bulkIndex(IndexFamily.EVENTS.dailyIndex(LocalDate.parse(day)), events);
        Map<String, Object> doc = new HashMap<>();
        doc.put("@timestamp", day + "T10:00:00Z");
        doc.put("session_id", session);
        doc.put("site_id", SITE);
        doc.put("visitor_id", visitor);
        doc.put("start", day + "T10:00:00Z");
        doc.put("end", day + "T10:05:00Z");
        doc.put("duration_seconds", 300);
        doc.put("pageviews", 2);
        doc.put("events", 2);
        doc.put("entry_page", "/");
        doc.put("exit_page", "/pricing");
        doc.put("is_bounce", false);
        doc.put("source", "google");
        doc.put("medium", "organic");
        doc.put("device_type", "desktop");
        doc.put("is_bot", false);
        doc.put("is_open", false);
        if (current) {
            doc.put("pages", List.of("/", "/pricing"));
            doc.put("hostnames", List.of("shop.example"));
            doc.put("lists_complete", true);
        }
        search.bulkIndex(IndexFamily.SESSIONS.dailyIndex(LocalDate.parse(day)), Map.of(session, doc));
    }

    private static Map<String, Object> event(String time, String messageId, String visitor, String session, String path,
            String source, boolean current) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("@timestamp", time);
        doc.put("site_id", SITE);
        doc.put("message_id", messageId);
        doc.put("type", "page");
        doc.put("interactive", false);
        doc.put("visitor_id", visitor);
        doc.put("session_id", session);
        doc.put("page_host", "shop.example");
        doc.put("page_path", path);
        doc.put("source", source);
        doc.put("device_type", "desktop");
        doc.put("is_bot", false);
        if (current) {
            doc.put("visit_source", "google");
            doc.put("visit_medium", "organic");
            doc.put("visit_entry_page", "/");
            doc.put("visit_device_type", "desktop");
        }
        return doc;
    }

    private ApiClient.Answer query(String metrics, String dateRange, String more) {
        return api.query(key, "{\"site_id\": \"" + SITE + "\", \"metrics\": [" + metrics + "], \"date_range\": "
                + dateRange + ", " + more + "}");
    }

    /**
     * Over both days the query is refused, saying what it needs ({@code needs}), that the older
     * documents end on 10 February and where to start instead; over 11 February alone it is
     * answered, and that answer is returned.
     */
    private ApiClient.Answer refusedOverBothDaysAnsweredOverTheNewer(String metrics, String more, String needs) {
        ApiClient.Answer refused = query(metrics, BOTH_DAYS, more);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).startsWith("#/date_range: this query needs " + needs)
                .contains("the last of them is from 2026-02-10 (UTC). Start the range on 2026-02-11 or later");
        ApiClient.Answer answered = query(metrics, NEWER_DAY, more);
        assertThat(answered.status()).as(answered.body().toString()).isEqualTo(200);
        return answered;
    }

    @Test
    void aVisitAttributeWithAnEventAttributeIsRefusedOverOlderEventsAndAnsweredAfterThem() {
        String pagesFromGoogle = "\"dimensions\": [\"event:page\"], \"filters\": [[\"is\", \"visit:source\", [\"google\"]]]";
        ApiClient.Answer answered = refusedOverBothDaysAnsweredOverTheNewer("\"visitors\"", pagesFromGoogle,
                "events carrying their visit's attributes");
        // 11 February: the visit from Google saw / and /pricing, one visitor each.
        assertThat(answered.body().path("results").toString())
                .isEqualTo("[{\"metrics\":[1],\"dimensions\":[\"/\"]},{\"metrics\":[1],\"dimensions\":[\"/pricing\"]}]");
    }

    @Test
    void aVisitMetricByAnEventAttributeIsRefusedOverOlderVisitsAndAnsweredAfterThem() {
        String sawPricing = "\"filters\": [[\"is\", \"event:page\", [\"/pricing\"]]]";
        ApiClient.Answer answered = refusedOverBothDaysAnsweredOverTheNewer("\"visit_duration\"", sawPricing,
                "visits listing what their events were");
        // 11 February: the one visit, 10:00 to 10:05, lasted 300 seconds.
        assertThat(answered.body().at("/results/0/metrics/0").asLong()).isEqualTo(300);
    }

    @Test
    void queriesThatNeedNoNewerFieldAnswerOverEveryDay() {
        // Both days' visits by source (from the sessions), and page views by page (from the events).
        ApiClient.Answer sources = query("\"visitors\", \"bounce_rate\"", BOTH_DAYS, "\"dimensions\": [\"visit:source\"]");
        assertThat(sources.status()).isEqualTo(200);
        assertThat(sources.body().path("results").toString()).isEqualTo("[{\"metrics\":[2,0],\"dimensions\":[\"google\"]}]");
        ApiClient.Answer pages = query("\"pageviews\"", BOTH_DAYS, "\"dimensions\": [\"event:page\"]");
        assertThat(pages.status()).isEqualTo(200);
        assertThat(pages.body().path("results").toString())
                .isEqualTo("[{\"metrics\":[2],\"dimensions\":[\"/\"]},{\"metrics\":[2],\"dimensions\":[\"/pricing\"]}]");
    }
}
