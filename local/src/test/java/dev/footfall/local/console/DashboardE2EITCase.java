package dev.footfall.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.footfall.definitions.Definitions;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.embedded.LoopbackPorts;
import dev.footfall.local.DemoSiteVisitor;
import dev.footfall.local.SegmentBatches;
import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.browser.HeadlessChromium;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's dashboard as a person uses it, on the whole local pipeline: visits go through the
 * gateway (the Segment API with the visits' own times, and the tracker on the demo site in
 * headless Chromium), through Kafka and the real Flink job into OpenSearch; then a browser logs in
 * with the printed one-time link, picks a range, compares, clicks a row, uses the keyboard, and
 * reads every number as the page shows it. Screenshots at 1280 and 390 px wide go to
 * target/screenshots/.
 *
 * <p>The shop (America/New_York) had, yesterday in New York (local times):
 * <pre>
 *   ana  desktop Chrome, from a Google search  10:00:00 /   10:01:00 /pricing   10:02:30 "Signed Up" {plan: pro, trial: yes}
 *        (2 views, 150 s, not a bounce)
 *   ben  mobile Safari, utm_source=newsletter   11:00:00 /pricing   11:00:45 "Signed Up" {plan: team}
 *        (1 view and an interactive event: not a bounce; 45 s)
 *   cy   desktop Firefox, direct                12:00:00 /   (a bounce, 0 s)
 *   dee  desktop Chrome, direct                 13:00:00 /   13:00:30 /docs   13:02:00 /pricing   13:02:10 "Clicked Buy" {plan: pro}
 *        (3 views, 130 s, not a bounce)
 * </pre>
 * Its goals and funnels ({@link #DEFINITIONS}, applied before the visits): Saw pricing (ana ben
 * dee), Signup (ana ben), Bought (dee); "Pricing to signup" (/, /pricing, "Signed Up" within 30
 * minutes): ana all three steps, dee two (/docs between is allowed), cy one, ben none (no /);
 * "Docs to pricing": dee.
 * And nine days ago (in the previous period of "Last 7 days": the 7 days before those 7):
 * <pre>
 *   eli  desktop Chrome, direct   09:00:00 /   (a bounce, 0 s)
 *   fay  desktop Chrome, direct   09:30:00 /   09:31:00 /pricing   (2 views, 60 s)
 * </pre>
 */
class DashboardE2EITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final ZoneId SHOP_ZONE = ZoneId.of("America/New_York");
    private static final String WRITE_KEY = "wk_dashboard_shop";
    private static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    private static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private static final String FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0";
    /** Chromium's own headless user agent is classified as a bot: the tracker's visitors use a normal one. */
    private static final String VISITOR_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/150.0.0.0 Safari/537.36";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHOP = "https://shop.example";
    private static final String BLOG_WRITE_KEY = "wk_dashboard_blog";
    private static final String DEFINITIONS = """
            {"goals": [
               {"site": "shop", "name": "Saw pricing", "page": "/pricing"},
               {"site": "shop", "name": "Signup", "event": "Signed Up"},
               {"site": "shop", "name": "Bought", "event": "Clicked Buy"},
               {"site": "blog", "name": "Probe", "page": "/probe"}],
             "funnels": [
               {"site": "shop", "name": "Pricing to signup", "window": "30m",
                "steps": [{"page": "/"}, {"page": "/pricing"}, {"event": "Signed Up"}]},
               {"site": "shop", "name": "Docs to pricing", "steps": [{"page": "/docs"}, {"page": "/pricing"}]}]}
            """;
    /** The scripted visits' events: ana 3, ben 2, cy 1, dee 4, eli 1, fay 2. */
    private static final int SCRIPTED_EVENTS = 13;

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private HeadlessChromium chromium;

    @Test
    void aPersonReadsTheShopsNumbersFiltersByClickingAndBreaksAnEventDownByItsProperties() throws Exception {
        int gatewayPort = LoopbackPorts.freePort();
        Path sites = dataDir.resolve("sites.json");
        Files.writeString(sites, """
                {"sites": [
                  {"id": "shop", "writeKeys": ["%1$s"], "timezone": "America/New_York",
                   "allowedOrigins": ["http://localhost:%2$d", "http://127.0.0.1:%2$d"]},
                  {"id": "blog", "writeKeys": ["%3$s"], "allowedOrigins": []}
                ]}
                """.formatted(WRITE_KEY, gatewayPort, BLOG_WRITE_KEY));
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of())
                .withDataDir(dataDir.resolve("data"))
                .withPorts(gatewayPort, 0, 0, 0, 0)
                .withSitesFile(sites);
        try (LocalStack stack = LocalStack.start(settings, line -> { })) {
            applyDefinitions(stack, new OpenSearchTestClient(stack.openSearchUrl()));
            sendScriptedVisits(stack.gatewayUrl());
            awaitScriptedVisitsIndexed(new OpenSearchTestClient(stack.openSearchUrl()));
            browseTheDemoSite(stack.gatewayUrl()); // a visitor now: the realtime count's first one

            chromium = HeadlessChromium.start();
            try {
                chromium.open(stack.consoleLoginLink());
                assertThat(chromium.currentUrl()).startsWith(stack.consoleUrl() + "/");
                awaitCards();
                assertThat(chromium.consoleErrors()).as("no script, CSP or loading errors").isEmpty();
                awaitText("#realtime-visitors", "1");

                // Last 7 days, chosen in the picker (the days before today in New York).
                new Select(chromium.driver().findElement(By.id("period-picker"))).selectByValue("7d");
                awaitQuery("period=7d");
                // visitors ana ben cy dee = 4; visits 4; page views 2 + 1 + 1 + 3 = 7; per visit 7 / 4 = 1.75;
                // one bounce (cy) of 4 visits = 25%; duration (150 + 45 + 0 + 130) / 4 = 81.25 s -> 81 s = 1m 21s.
                expectKpis("4", "4", "7", "1.75", "25%", "1m 21s");
                // Pages by visitors, then by path: / (ana cy dee; 3 views), /pricing (ana ben dee; 3 views), /docs (dee; 1).
                assertThat(rows("pages")).containsExactly(List.of("/", "3", "3"), List.of("/pricing", "3", "3"),
                        List.of("/docs", "1", "1"));
                // Sources: direct (cy dee), google (ana), newsletter (ben; its utm_source).
                assertThat(rows("sources")).containsExactly(List.of("direct", "2", "2"), List.of("google", "1", "1"),
                        List.of("newsletter", "1", "1"));
                // Devices: desktop ana cy dee = 3 of 4 = 75%, mobile ben = 25%.
                assertThat(rows("devices")).containsExactly(List.of("desktop", "3", "75%"), List.of("mobile", "1", "25%"));
                // No GeoIP database in the local mode: nobody is placed.
                assertThat(rows("countries")).containsExactly(List.of("(not set)", "4", "100%"));
                // Custom events: Signed Up by ana and ben (2 events), Clicked Buy by dee.
                assertThat(rows("events")).containsExactly(List.of("Signed Up", "2", "2"), List.of("Clicked Buy", "1", "1"));
                // Goals, by converting visitors: Saw pricing ana ben dee = 3 of 4 visitors = 75%;
                // Signup ana ben = 2 of 4 = 50%; Bought dee = 1 of 4 = 25%.
                assertThat(rows("goals")).containsExactly(List.of("Saw pricing", "3", "3", "75%"),
                        List.of("Signup", "2", "2", "50%"), List.of("Bought", "1", "1", "25%"));
                // The first funnel: / ana cy dee = 3; /pricing ana dee = 2 of 3 = 66.7%, 1 of 3 dropped
                // off (33.3%); Signed Up ana = 1 of 3 = 33.3%, 1 of 2 dropped off (50%).
                assertThat(funnelSteps()).containsExactly(
                        List.of("1. /", "3", "100%", ""),
                        List.of("2. /pricing", "2", "66.7%", "1 dropped off (33.3%)"),
                        List.of("3. Signed Up", "1", "33.3%", "1 dropped off (50%)"));
                // The picker, from the keyboard: the second funnel, dee from /docs to /pricing.
                WebElement picker = chromium.driver().findElement(By.id("funnel-picker"));
                picker.sendKeys(Keys.ARROW_DOWN);
                await("the second funnel").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                        .until(() -> "Docs to pricing".equals(chromium.js("return document.getElementById('funnel').dataset.funnel;")));
                awaitCards();
                assertThat(funnelSteps()).containsExactly(List.of("1. /docs", "1", "100%", ""),
                        List.of("2. /pricing", "1", "100%", "0 dropped off (0%)"));
                new Select(picker).selectByValue("Pricing to signup");
                // The steps are re-rendered while this polls: a step read as it is replaced is stale.
                await("the first funnel again").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                        .ignoreExceptionsInstanceOf(StaleElementReferenceException.class)
                        .until(() -> funnelSteps().size() == 3);

                // Compared with the previous 7 days: eli and fay, 2 visits, 3 views (1.5 a visit), one
                // bounce of two = 50%, (0 + 60) / 2 = 30 s.
                chromium.driver().findElement(By.id("compare-toggle")).click();
                awaitQuery("compare=previous");
                // 4 vs 2: +100%; 7 vs 3: (7 - 3) / 3 = 133%; 1.75 vs 1.5: 16.7% -> 17%; bounce rate
                // 25% vs 50%: 25 points lower; 81 s vs 30 s: (81 - 30) / 30 = 170%.
                assertThat(kpiChanges()).containsExactly("↑ 100%", "↑ 100%", "↑ 133%", "↑ 17%", "↓ 25 pp", "↑ 170%");
                assertThat(chromium.driver().findElement(By.cssSelector("[data-metric=bounce_rate] .kpi-change"))
                        .getAttribute("class")).as("a lower bounce rate is good news").contains("good");
                screenshot("dashboard-1280", 1280);
                screenshot("dashboard-390", 390);
                chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

                // A click on /pricing filters the whole page, and the URL says so.
                link("pages", "/pricing").click();
                awaitQuery("f=is,event:page,/pricing");
                assertThat(chromium.driver().findElement(By.cssSelector("#filters .chip")).getText()).contains("Page is /pricing");
                // On /pricing: ana ben dee = 3 visitors, 3 views, their 3 visits; views per visit is not
                // offered with a page filter (—); the bounce rate is of the visits that entered there
                // (ben's alone, not a bounce: 0%), the duration of the visits that saw it, as in
                // Plausible: (150 + 45 + 130) / 3 = 108.3 s -> 108 s = 1m 48s.
                expectKpis("3", "3", "3", "—", "0%", "1m 48s");
                // Devices of those events: desktop ana dee = 2 of 3 = 66.7% -> 67%, mobile ben = 33%.
                assertThat(rows("devices")).containsExactly(List.of("desktop", "2", "67%"), List.of("mobile", "1", "33%"));
                // Sources of the visits that saw /pricing: direct (dee), google (ana), newsletter (ben), one each.
                assertThat(rows("sources")).containsExactly(List.of("direct", "1", "1"), List.of("google", "1", "1"),
                        List.of("newsletter", "1", "1"));
                // Back: the unfiltered page again.
                chromium.driver().navigate().back();
                expectKpis("4", "4", "7", "1.75", "25%", "1m 21s");
                assertThat(query()).doesNotContain("f=");

                // A click on a goal filters the page by it: its converting visitors, ana and ben.
                link("goals", "Signup").click();
                awaitQuery("f=is,event:goal,Signup");
                assertThat(rows("goals")).containsExactly(List.of("Signup", "2", "2", "50%"));
                assertThat(kpis().get(0)).isEqualTo("2");
                chromium.driver().navigate().back();
                expectKpis("4", "4", "7", "1.75", "25%", "1m 21s");

                // The keyboard alone: Tab to the "Signed Up" row, Enter filters by it, and the events
                // card breaks it down by each of its properties.
                WebElement signedUp = tabTo("Signed Up");
                assertThat(signedUp.getCssValue("outline-style")).as("a visible focus ring").isNotEqualTo("none");
                new Actions(chromium.driver()).sendKeys(Keys.ENTER).perform();
                awaitQuery("f=is,event:name,Signed Up");
                assertThat(chromium.driver().findElement(By.id("events-title")).getText()).isEqualTo("Properties of Signed Up");
                // plan: pro (ana), team (ben); trial: yes (ana), none on ben's event.
                assertThat(propertyRows("plan")).containsExactly(List.of("pro", "1", "1"), List.of("team", "1", "1"));
                assertThat(propertyRows("trial")).containsExactly(List.of("(none)", "1", "1"), List.of("yes", "1", "1"));
                // Visitors who signed up: ana and ben.
                assertThat(kpis().get(0)).isEqualTo("2");
                screenshot("dashboard-event-properties-1280", 1280);

                // A filter the API refuses: its message shows, naming the problem.
                chromium.open(stack.consoleUrl() + "/?site=shop&period=7d&f=is,visit:country,Germany");
                awaitCards();
                assertThat(chromium.driver().findElement(By.cssSelector("#kpis .notice.error")).getText())
                        .contains("visit:country needs to be a valid 2-letter country code");

                // The other site, picked in the picker: nothing there.
                chromium.open(stack.consoleUrl() + "/?site=shop&period=7d");
                awaitCards();
                new Select(chromium.driver().findElement(By.id("site-picker"))).selectByValue("blog");
                awaitQuery("site=blog");
                assertThat(chromium.driver().findElement(By.cssSelector("#pages .notice")).getText())
                        .isEqualTo("No data for this range");

                // Realtime refreshes by itself: a second visitor on the demo site shows up without a reload.
                new Select(chromium.driver().findElement(By.id("site-picker"))).selectByValue("shop");
                awaitText("#realtime-visitors", "1");
                browseTheDemoSite(stack.gatewayUrl());
                awaitText("#realtime-visitors", "2");
                // The API's refusals above are answers the page shows; anything else would be a fault.
                assertThat(chromium.consoleErrors()).allMatch(e -> e.contains("status of 400"));
            } finally {
                chromium.close();
            }
        }
    }

    // --- the visits ---

    /**
     * Applies the goals and funnels as {@code footfall definitions apply} does, then waits until the
     * job matches with them (a change reaches each subtask within about a second): rounds of eight
     * probe visitors of the blog (ten days ago, outside every range the test reads) go in until one
     * round has all eight converted, so both subtasks have them; then until the console lists the
     * shop's funnels (it re-reads the topic every 10 s).
     */
    private void applyDefinitions(LocalStack stack, OpenSearchTestClient search) throws Exception {
        new DefinitionsTopic(stack.kafkaBootstrap(), DefinitionsTopic.DEFAULT_TOPIC)
                .publish(Definitions.parse(DEFINITIONS).bySite());
        List<List<String>> rounds = new ArrayList<>();
        // Older than every scripted visit: a probe must not move event time past them, or the
        // funnels would leave them out as late (goals would still count them).
        ZonedDateTime probeTime = at(LocalDate.now(SHOP_ZONE).minusDays(10), "08:00:00");
        // The goals index is created by the first conversion: until its shard is up, a search answers 503.
        await("the job matching the probe goal").atMost(DEADLINE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(OpenSearchTestClient.ResponseException.class).until(() -> {
            List<String> round = new ArrayList<>();
            ArrayNode probes = JSON.createArrayNode();
            for (int i = 0; i < 8; i++) {
                String visitor = "probe-" + rounds.size() + "-" + i;
                round.add(visitor);
                probes.add(event("page", visitor, probeTime, "/probe", CHROME_WINDOWS));
            }
            send(stack.gatewayUrl(), BLOG_WRITE_KEY, probes);
            rounds.add(round);
            search.refresh("footfall-goals-*");
            for (List<String> sent : rounds) {
                String visitors = JSON.writeValueAsString(sent);
                if (search.count("footfall-goals-*", "{\"query\":{\"terms\":{\"visitor_id\":" + visitors + "}}}") == 8) {
                    return true;
                }
            }
            return false;
        });
        await("the console's funnels").atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(stack.consoleUrl() + "/api/footfall/funnels"))
                    .header("Authorization", "Bearer " + stack.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"site_id\": \"shop\"}")).build(), HttpResponse.BodyHandlers.ofString());
            return listed.statusCode() == 200 && JSON.readTree(listed.body()).path("results").size() == 2;
        });
    }

    private void sendScriptedVisits(String gateway) throws Exception {
        LocalDate today = LocalDate.now(SHOP_ZONE);
        LocalDate yesterday = today.minusDays(1);
        LocalDate nineDaysAgo = today.minusDays(9);
        ArrayNode previous = JSON.createArrayNode();
        previous.add(page("eli", at(nineDaysAgo, "09:00:00"), "/", null, CHROME_WINDOWS));
        previous.add(page("fay", at(nineDaysAgo, "09:30:00"), "/", null, CHROME_WINDOWS));
        previous.add(page("fay", at(nineDaysAgo, "09:31:00"), "/pricing", SHOP + "/", CHROME_WINDOWS));
        send(gateway, previous);

        ArrayNode current = JSON.createArrayNode();
        current.add(page("ana", at(yesterday, "10:00:00"), "/", "https://www.google.com/", CHROME_WINDOWS));
        current.add(page("ana", at(yesterday, "10:01:00"), "/pricing", SHOP + "/", CHROME_WINDOWS));
        current.add(track("ana", at(yesterday, "10:02:30"), "Signed Up", "/pricing", CHROME_WINDOWS,
                Map.of("plan", "pro", "trial", "yes")));
        current.add(page("ben", at(yesterday, "11:00:00"),
                "/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=spring", null, SAFARI_IPHONE));
        current.add(track("ben", at(yesterday, "11:00:45"), "Signed Up", "/pricing", SAFARI_IPHONE, Map.of("plan", "team")));
        current.add(page("cy", at(yesterday, "12:00:00"), "/", null, FIREFOX_MAC));
        current.add(page("dee", at(yesterday, "13:00:00"), "/", null, CHROME_WINDOWS));
        current.add(page("dee", at(yesterday, "13:00:30"), "/docs", SHOP + "/", CHROME_WINDOWS));
        current.add(page("dee", at(yesterday, "13:02:00"), "/pricing", SHOP + "/docs", CHROME_WINDOWS));
        current.add(track("dee", at(yesterday, "13:02:10"), "Clicked Buy", "/pricing", CHROME_WINDOWS, Map.of("plan", "pro")));
        send(gateway, current);
    }

    private static ZonedDateTime at(LocalDate day, String time) {
        return ZonedDateTime.of(day, LocalTime.parse(time), SHOP_ZONE);
    }

    private static ObjectNode page(String visitor, ZonedDateTime at, String pathAndQuery, String referrer, String ua) {
        ObjectNode event = event("page", visitor, at, pathAndQuery, ua);
        if (referrer != null) {
            ((ObjectNode) event.path("context").path("page")).put("referrer", referrer);
        }
        return event;
    }

    private static ObjectNode track(String visitor, ZonedDateTime at, String name, String path, String ua,
            Map<String, String> properties) {
        ObjectNode event = event("track", visitor, at, path, ua).put("event", name);
        ObjectNode props = event.putObject("properties");
        properties.forEach(props::put);
        return event;
    }

    private static ObjectNode event(String type, String visitor, ZonedDateTime at, String pathAndQuery, String ua) {
        ObjectNode event = JSON.createObjectNode()
                .put("type", type)
                .put("messageId", visitor + "-" + type + "-" + at.toInstant().getEpochSecond())
                .put("anonymousId", visitor)
                .put("timestamp", at.toInstant().toString());
        ObjectNode context = event.putObject("context").put("userAgent", ua);
        int query = pathAndQuery.indexOf('?');
        context.putObject("page").put("url", SHOP + pathAndQuery)
                .put("path", query < 0 ? pathAndQuery : pathAndQuery.substring(0, query));
        return event;
    }

    /** The Segment HTTP Tracking API, as a server SDK calls it (no sentAt: the events' own times stand). */
    private void send(String gateway, ArrayNode events) throws Exception {
        send(gateway, WRITE_KEY, events);
    }

    private void send(String gateway, String writeKey, ArrayNode events) throws Exception {
        ObjectNode batch = JSON.createObjectNode();
        batch.set("batch", events);
        SegmentBatches.send(http, gateway, writeKey, batch.toString());
    }

    /** Every scripted event indexed, and every scripted visit written with all of its events. */
    private static void awaitScriptedVisitsIndexed(OpenSearchTestClient search) {
        String scripted = "{\"terms\":{\"anonymous_id\":[\"ana\",\"ben\",\"cy\",\"dee\",\"eli\",\"fay\"]}}";
        await("the scripted events").atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            search.refresh("footfall-*");
            return search.count("footfall-events-*", "{\"query\":" + scripted + "}");
        }, n -> n == SCRIPTED_EVENTS);
        await("the scripted visits with all their events").atMost(DEADLINE).pollInterval(Duration.ofMillis(250)).until(() -> {
            search.refresh("footfall-sessions-*");
            return search.aggregate("footfall-sessions-*",
                    "{\"terms\":{\"visitor_id\":[\"ana\",\"ben\",\"cy\",\"dee\",\"eli\",\"fay\"]}}",
                    "{\"events\":{\"sum\":{\"field\":\"events\"}},\"visits\":{\"value_count\":{\"field\":\"session_id\"}}}");
        }, aggs -> aggs.path("events").path("value").asLong() == SCRIPTED_EVENTS
                && aggs.path("visits").path("value").asLong() == 6);
    }

    /** A person on the demo site now, through the tracker: a page view and a click. */
    private static void browseTheDemoSite(String gateway) {
        try (DemoSiteVisitor visitor = DemoSiteVisitor.start(VISITOR_UA)) {
            visitor.open(gateway + "/index.html");
            visitor.click(By.id("signup"));
            visitor.awaitDelivered();
        }
    }

    // --- reading the page ---

    /** Every card has finished loading (ready, empty or an error shown). */
    private void awaitCards() {
        chromium.waitFor("document.querySelectorAll('.card').length > 0 && [...document.querySelectorAll('.card')]"
                + ".every(c => c.dataset.state !== 'loading')", DEADLINE);
    }

    /** The address shows the change (decoded), and every card has rendered for it. */
    private void awaitQuery(String part) {
        await("the address to hold " + part).atMost(DEADLINE).pollInterval(Duration.ofMillis(50))
                .until(() -> query().contains(part));
        awaitCards();
    }

    /** The key figures reach these values (cards re-render after history moves, asynchronously). */
    private void expectKpis(String... expected) {
        awaitCards();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> kpis().equals(List.of(expected)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Fall through to the assertion, whose message shows what the page says.
        }
        assertThat(kpis()).containsExactly(expected);
    }

    private void awaitText(String selector, String text) {
        chromium.waitFor("(document.querySelector('" + selector + "') || {}).textContent === '" + text + "'", DEADLINE);
    }

    private String query() {
        return URLDecoder.decode((String) chromium.js("return location.search;"), StandardCharsets.UTF_8);
    }

    /** The six key figures as shown: visitors, visits, pageviews, views per visit, bounce rate, duration. */
    private List<String> kpis() {
        return texts("#kpis .kpi-value");
    }

    private List<String> kpiChanges() {
        @SuppressWarnings("unchecked")
        List<String> changes = (List<String>) chromium.js("return [...document.querySelectorAll('#kpis .kpi-change')]"
                + ".map(e => e.firstChild ? e.firstChild.textContent : '');");
        return changes;
    }

    private List<String> texts(String selector) {
        List<String> out = new ArrayList<>();
        for (WebElement e : chromium.driver().findElements(By.cssSelector(selector))) {
            out.add(e.getText());
        }
        return out;
    }

    /** A card's rows as [label, metric, metric]. */
    private List<List<String>> rows(String card) {
        return tableRows("#" + card + " table.list tbody tr");
    }

    /** The funnel's steps as [name, visitors, share of step 1, drop-off line ("" for step 1)]. */
    private List<List<String>> funnelSteps() {
        List<List<String>> steps = new ArrayList<>();
        for (WebElement step : chromium.driver().findElements(By.cssSelector("#funnel li.funnel-step"))) {
            List<WebElement> dropoff = step.findElements(By.cssSelector(".funnel-dropoff"));
            steps.add(List.of(step.findElement(By.cssSelector(".funnel-name")).getText(),
                    step.findElement(By.cssSelector(".funnel-visitors")).getText(),
                    step.findElement(By.cssSelector(".funnel-rate")).getText(),
                    dropoff.isEmpty() ? "" : dropoff.get(0).getText()));
        }
        return steps;
    }

    private List<List<String>> propertyRows(String property) {
        return tableRows("#events [data-property='" + property + "'] table.list tbody tr");
    }

    private List<List<String>> tableRows(String selector) {
        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : chromium.driver().findElements(By.cssSelector(selector))) {
            List<String> cells = new ArrayList<>();
            cells.add(row.findElement(By.cssSelector("th")).getText());
            row.findElements(By.cssSelector("td")).forEach(td -> cells.add(td.getText()));
            rows.add(cells);
        }
        return rows;
    }

    private WebElement link(String card, String text) {
        return chromium.driver().findElement(By.xpath("//section[@id='" + card + "']//table//a[normalize-space(.)='" + text + "']"));
    }

    /** Presses Tab from the top of the page until the focused element is the link with this text. */
    private WebElement tabTo(String text) {
        chromium.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        for (int presses = 0; presses < 120; presses++) {
            new Actions(chromium.driver()).sendKeys(Keys.TAB).perform();
            WebElement focused = chromium.driver().switchTo().activeElement();
            if (text.equals(focused.getText()) && "a".equals(focused.getTagName())) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached the link '" + text + "'");
    }

    /** A full-page screenshot at a width (a phone is 390 px), into target/screenshots/. */
    private void screenshot(String name, int width) throws Exception {
        chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", 900, "deviceScaleFactor", 1, "mobile", width < 600));
        awaitCards();
        long height = (Long) chromium.js("return Math.ceil(document.documentElement.scrollHeight);");
        chromium.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
        Map<String, Object> shot = chromium.driver().executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        chromium.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
}
