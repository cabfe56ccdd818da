package dev.footfall.tracker.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.testkit.browser.HeadlessChromium;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * What a site owner and a visitor notice about the tracker, checked in a real headless Chromium
 * against any {@link TrackerBackend}: the recording collector now, the real gateway and Kafka
 * later (a subclass that returns a gateway-backed backend runs every scenario unchanged).
 */
public abstract class TrackerScenarios {

    protected static final Duration DEADLINE = Duration.ofSeconds(60);
    protected static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    protected static final ObjectMapper JSON = new ObjectMapper();

    protected static HeadlessChromium browser;
    protected TrackerBackend backend;
    protected TestSite site;
    private int barriers;

    /** A fresh backend for one test. */
    protected abstract TrackerBackend newBackend();

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startSiteAndBackend() {
        site = new TestSite();
        backend = newBackend();
        backend.allowOrigin(site.origin());
    }

    @AfterEach
    void leaveAndStop() {
        try {
            browser.offline(false);
            browser.open("about:blank");
            browser.clearCookies();
            browser.consoleErrors();
        } finally {
            site.close();
            backend.close();
        }
    }

    // ---------------------------------------------------------------- page views

    @Test
    void pageViewOnLoadDescribesThePageTheCampaignAndTheLibrary() {
        String url = open("/landing", TrackerPage.of(backend).title("Spring landing"),
                "?utm_source=newsletter&utm_medium=email&utm_campaign=spring+sale&utm_term=shoes&utm_content=hero&ref=x");

        JsonNode view = awaitEvent(pageView("/landing"));
        assertThat(view.path("messageId").asText()).matches(UUID_V4);
        assertThat(view.path("anonymousId").asText()).matches(UUID_V4).isEqualTo(browser.js("return localStorage.footfall_id"));
        assertThat(view.has("userId")).isFalse();
        Instant timestamp = Instant.parse(view.path("timestamp").asText());
        assertThat(Instant.parse(view.path("sentAt").asText())).isAfterOrEqualTo(timestamp);
        JsonNode page = JSON.valueToTree(Map.of(
                "url", url,
                "path", "/landing",
                "search", "?utm_source=newsletter&utm_medium=email&utm_campaign=spring+sale&utm_term=shoes&utm_content=hero&ref=x",
                "title", "Spring landing",
                "referrer", ""));
        assertThat(view.path("properties")).isEqualTo(page);
        JsonNode context = view.path("context");
        assertThat(context.path("page")).isEqualTo(page);
        assertThat(context.path("campaign")).isEqualTo(JSON.valueToTree(Map.of(
                "source", "newsletter", "medium", "email", "name", "spring sale", "term", "shoes", "content", "hero")));
        assertThat(context.path("library").path("name").asText()).isEqualTo("footfall.js");
        assertThat(context.path("library").path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(context.path("locale").asText()).isNotBlank();
        assertThat(context.path("screen").path("width").asInt()).isPositive();
        assertThat(context.path("screen").path("height").asInt()).isPositive();
        assertThat(context.path("site").asText()).isEqualTo(backend.site());

        trackBarrier();
        assertThat(events(pageView("/landing"))).hasSize(1);
    }

    @Test
    void everySpaNavigationIsOnePageView() {
        open("/app/", TrackerPage.of(backend));
        awaitEvent(pageView("/app/"));

        browser.js("history.pushState({}, '', '/app/products');");
        browser.js("history.replaceState({}, '', '/app/products?sort=price');"); // same path: not a new page
        browser.js("history.replaceState({}, '', '/app/cart');");
        browser.js("history.back();");                                          // popstate back to /app/
        browser.waitFor("location.pathname === '/app/'", DEADLINE);
        browser.js("location.hash = 'reviews';");                               // no hash routing: not a page
        trackBarrier();

        assertThat(events(type("page"))).extracting(event -> event.path("context").path("page").path("path").asText())
                .containsExactly("/app/", "/app/products", "/app/cart", "/app/");
        assertThat(events(pageView("/app/cart")).get(0).path("properties").path("url").asText()).isEqualTo(site.url("/app/cart"));
    }

    @Test
    void hashRoutingCountsHashNavigations() {
        open("/spa", TrackerPage.of(backend).option("hash-routing"), "#/home");
        awaitEvent(pageView("/spa#/home"));

        browser.js("location.hash = '#/settings';");
        browser.waitFor("location.hash === '#/settings'", DEADLINE);
        browser.js("history.pushState({}, '', '#/profile');");
        trackBarrier();

        assertThat(events(type("page"))).extracting(event -> event.path("context").path("page").path("path").asText())
                .containsExactly("/spa#/home", "/spa#/settings", "/spa#/profile");
    }

    // ---------------------------------------------------------------- custom events

    @Test
    void customEventsComeFromTheApiTheTrackEventAliasAndDeclarativeAttributes() {
        open("/pricing", TrackerPage.of(backend).body(
                "<button id=buy data-footfall-event=Purchase data-footfall-prop-plan=pro data-footfall-prop-seat-count=3>"
                        + "<span id=label>Buy</span></button>"));
        awaitEvent(pageView("/pricing"));

        browser.js("footfall.track('Signup', {plan: 'pro', seats: 3, trial: true, tags: ['a', 'b'], address: {city: 'Lyon'}});");
        browser.js("trackEvent('Newsletter', {source: 'footer'});");
        browser.driver().findElement(By.id("label")).click();

        assertThat(awaitEvent(named("Signup")).path("properties")).isEqualTo(json(
                "{\"plan\":\"pro\",\"seats\":3,\"trial\":true,\"tags\":[\"a\",\"b\"],\"address\":{\"city\":\"Lyon\"}}"));
        assertThat(awaitEvent(named("Newsletter")).path("properties")).isEqualTo(json("{\"source\":\"footer\"}"));
        assertThat(awaitEvent(named("Purchase")).path("properties")).isEqualTo(json("{\"plan\":\"pro\",\"seat-count\":\"3\"}"));
        assertThat(events(type("track"))).extracting(event -> event.path("event").asText())
                .containsExactly("Signup", "Newsletter", "Purchase");
    }

    @Test
    void textCutInsideAnEmojiArrivesWithAReplacementCharacterInsteadOfBeingRefused() {
        open("/cut", TrackerPage.of(backend));
        awaitEvent(pageView("/cut"));

        // '\uD83D\uDE00'.slice(0, 1) is half of a surrogate pair: the gateway refuses such text.
        browser.js("const smile = '\\uD83D\\uDE00';"
                + "footfall.track('Cut ' + smile.slice(0, 1), {title: 'x' + smile.slice(1), whole: smile});");

        JsonNode event = awaitEvent(named("Cut \uFFFD"));
        assertThat(event.path("properties")).isEqualTo(json("{\"title\":\"x\uFFFD\",\"whole\":\"\uD83D\uDE00\"}"));
    }

    @Test
    void callsMadeBeforeTheScriptLoadsAreKeptInOrder() {
        open("/early", TrackerPage.of(backend).withQueueStub().head("<script>"
                + "footfall.identify('user-42', {plan: 'pro'});"
                + "footfall.track('Early', {n: 1});"
                + "trackEvent('Early alias', {n: 2});"
                + "</script>"));

        awaitEvent(pageView("/early"));
        List<JsonNode> events = backend.acceptedEvents();
        assertThat(events).extracting(event -> event.path("type").asText() + ":" + event.path("event").asText(""))
                .containsExactly("identify:", "track:Early", "track:Early alias", "page:");
        assertThat(events).allSatisfy(event -> assertThat(event.path("userId").asText()).isEqualTo("user-42"));
        assertThat(events.get(0).path("traits")).isEqualTo(json("{\"plan\":\"pro\"}"));
        assertThat(events.get(2).path("properties")).isEqualTo(json("{\"n\":2}"));
    }

    @Test
    void outboundLinksAndFileDownloadsAreTrackedOnlyWhenEnabled() {
        String links = "<a id=out href='https://example.org/partner' onclick='event.preventDefault()'>partner</a>"
                + "<a id=file href='/files/report.PDF' onclick='event.preventDefault()'>report</a>"
                + "<a id=inside href='/about' onclick='event.preventDefault()'>about</a>";
        open("/plain", TrackerPage.of(backend).body(links));
        clickAll("out", "file", "inside");
        trackBarrier();
        assertThat(events(type("track").and(notBarrier()))).isEmpty();

        open("/enabled", TrackerPage.of(backend).option("outbound-links").option("file-downloads", "pdf,zip").body(links));
        awaitEvent(pageView("/enabled"));
        clickAll("out", "file", "inside");
        trackBarrier();
        List<JsonNode> clicks = events(event -> event.path("context").path("page").path("path").asText().equals("/enabled")
                && event.path("type").asText().equals("track") && notBarrier().test(event));
        assertThat(clicks).extracting(event -> event.path("event").asText() + " " + event.path("properties").path("url").asText())
                .containsExactly("Outbound Link: Click https://example.org/partner", "File Download " + site.url("/files/report.PDF"));
    }

    // ---------------------------------------------------------------- identity

    @Test
    void identifyAttachesTheUserUntilReset() {
        String url = open("/account", TrackerPage.of(backend));
        String anonymousId = awaitEvent(pageView("/account")).path("anonymousId").asText();

        browser.js("footfall.identify('u-1', {email: 'ada@example.org'});");
        JsonNode identify = awaitEvent(type("identify"));
        assertThat(identify.path("userId").asText()).isEqualTo("u-1");
        assertThat(identify.path("traits")).isEqualTo(json("{\"email\":\"ada@example.org\"}"));
        assertThat(identify.path("anonymousId").asText()).isEqualTo(anonymousId);

        browser.open(url);
        browser.waitFor("window.footfall && footfall.version", DEADLINE);
        browser.js("footfall.track('After reload');");
        JsonNode afterReload = awaitEvent(named("After reload"));
        assertThat(afterReload.path("userId").asText()).isEqualTo("u-1");
        assertThat(afterReload.path("anonymousId").asText()).isEqualTo(anonymousId);

        browser.js("footfall.reset(); footfall.track('After reset');");
        JsonNode afterReset = awaitEvent(named("After reset"));
        assertThat(afterReset.has("userId")).isFalse();
        assertThat(afterReset.path("anonymousId").asText()).matches(UUID_V4).isNotEqualTo(anonymousId);
    }

    // ---------------------------------------------------------------- privacy

    @Test
    void globalPrivacyControlSendsAndStoresNothingUnlessTheVisitorOptsIn() {
        String gpc = "<script>Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});</script>";
        open("/gpc", TrackerPage.of(backend).head(gpc));
        browser.js("footfall.track('Refused', {n: 1}); footfall.identify('u-gpc');");
        assertNothingStored();

        open("/control", TrackerPage.of(backend));
        awaitEvent(pageView("/control"));
        trackBarrier();
        assertThat(events(event -> event.path("context").path("page").path("path").asText().equals("/gpc"))).isEmpty();

        open("/gpc-consent", TrackerPage.of(backend).head(gpc));
        browser.js("footfall.optIn(); footfall.track('Consented');");
        assertThat(awaitEvent(named("Consented")).path("context").path("page").path("path").asText()).isEqualTo("/gpc-consent");
    }

    @Test
    void doNotTrackSendsAndStoresNothingUnlessTheSiteSaysOtherwise() {
        try (HeadlessChromium dntBrowser = HeadlessChromium.start(
                options -> options.setExperimentalOption("prefs", Map.of("enable_do_not_track", true)))) {
            dntBrowser.open(site.serve("/dnt", TrackerPage.of(backend).html()));
            dntBrowser.waitFor("window.footfall && footfall.version", DEADLINE);
            assertThat(dntBrowser.js("return navigator.doNotTrack")).isEqualTo("1");
            dntBrowser.js("footfall.track('Refused');");
            assertThat(dntBrowser.js("return localStorage.length + ':' + document.cookie")).isEqualTo("0:");

            dntBrowser.open(site.serve("/dnt-ignored", TrackerPage.of(backend).option("respect-dnt", "false").html()));
            dntBrowser.waitFor("window.footfall && footfall.version", DEADLINE);
            dntBrowser.js("footfall.track('DNT ignored');");
            awaitEvent(named("DNT ignored"));
            assertThat(backend.acceptedEvents()).extracting(event -> event.path("context").path("page").path("path").asText())
                    .containsOnly("/dnt-ignored");
        }
    }

    @Test
    void optOutIsRememberedAcrossPagesUntilOptIn() {
        String url = open("/settings", TrackerPage.of(backend));
        awaitEvent(pageView("/settings"));

        browser.js("footfall.optOut(); footfall.track('Hidden 1');");
        assertThat(browser.js("return Object.keys(localStorage).join()")).isEqualTo("footfall_consent");
        browser.open(url);
        browser.waitFor("window.footfall && footfall.version", DEADLINE);
        browser.js("footfall.track('Hidden 2'); footfall.optIn(); footfall.track('Visible');");

        awaitEvent(named("Visible"));
        assertThat(backend.acceptedEvents()).extracting(event -> event.path("type").asText() + ":" + event.path("event").asText(""))
                .containsExactly("page:", "track:Visible");
    }

    @Test
    void cookielessModeWritesNothingToCookiesOrStorage() {
        open("/cookieless", TrackerPage.of(backend).option("cookieless"));
        JsonNode view = awaitEvent(pageView("/cookieless"));
        browser.js("footfall.identify('u-9'); footfall.track('Checkout', {total: 12});");

        JsonNode checkout = awaitEvent(named("Checkout"));
        assertThat(view.has("anonymousId")).isFalse();
        assertThat(checkout.has("anonymousId")).isFalse();
        assertThat(checkout.path("userId").asText()).isEqualTo("u-9");
        assertNothingStored();
    }

    // ---------------------------------------------------------------- delivery

    @Test
    void offlineThenOnlineDeliversEveryEventOnce() {
        open("/offline", TrackerPage.of(backend));
        awaitEvent(pageView("/offline"));

        browser.offline(true);
        browser.js("footfall.track('Offline 1'); footfall.track('Offline 2'); footfall.track('Offline 3');");
        awaitConsoleError("ERR_INTERNET_DISCONNECTED");
        assertThat(queuedEventNames()).containsExactly("Offline 1", "Offline 2", "Offline 3");

        browser.offline(false);
        awaitEvent(named("Offline 3"));
        assertEachDeliveredOnce();
        browser.waitFor("localStorage.footfall_queue === undefined", DEADLINE);
    }

    @Test
    void aCollectorOutageThenRecoveryDeliversEveryEventOnce() {
        open("/outage", TrackerPage.of(backend));
        awaitEvent(pageView("/outage"));

        backend.startOutage();
        browser.js("footfall.track('During outage 1'); footfall.track('During outage 2');");
        await().atMost(DEADLINE).until(() -> backend.refusals() >= 2);
        assertThat(queuedEventNames()).containsExactly("During outage 1", "During outage 2");

        backend.endOutage();
        awaitEvent(named("During outage 2"));
        assertThat(events(named("During outage 1"))).hasSize(1);
        assertEachDeliveredOnce();
    }

    @Test
    void eventsQueuedWhenThePageReloadsAreDeliveredByTheNextPage() {
        String url = open("/reload", TrackerPage.of(backend));
        awaitEvent(pageView("/reload"));

        backend.startOutage();
        browser.js("footfall.track('Before reload');");
        await().atMost(DEADLINE).until(() -> backend.refusals() >= 1);
        browser.open(url);
        browser.waitFor("window.footfall && footfall.version", DEADLINE);
        assertThat(queuedEventNames()).contains("Before reload");

        backend.endOutage();
        awaitEvent(named("Before reload"));
        await().atMost(DEADLINE).until(() -> events(pageView("/reload")).size() == 2);
        assertEachDeliveredOnce();
    }

    @Test
    void aHostilePageCannotBreakTracking() {
        open("/hostile", TrackerPage.of(backend)
                .head("<script>throw new Error('host page bug before the tracker');</script>")
                .body("<script>setTimeout(() => { throw new Error('host page bug later'); });</script>"));
        awaitEvent(pageView("/hostile"));
        browser.js("window.fetch = () => { throw new Error('fetch replaced by the host page'); };"
                + "window.XMLHttpRequest = undefined;"
                + "const wrapped = history.pushState; history.pushState = function () { wrapped.apply(this, arguments); throw new Error('router bug'); };");

        Object results = browser.js("const circular = {}; circular.self = circular; const results = [];"
                + "results.push(footfall.track('Circular', circular));"
                + "results.push(footfall.track());"
                + "results.push(footfall.identify(undefined, 42));"
                + "try { history.pushState({}, '', '/hostile/next'); } catch (e) { results.push(e.message); }"
                + "footfall.track('After the host broke things', {ok: true});"
                + "return results;");

        assertThat(results).asList().containsExactly(null, null, null, "router bug");
        awaitEvent(named("After the host broke things"));
        awaitEvent(pageView("/hostile/next"));
        assertThat(events(named("Circular"))).isEmpty();
        assertThat(browser.consoleErrors()).noneMatch(error -> error.contains("footfall"))
                .anyMatch(error -> error.contains("host page bug"));
    }

    // ---------------------------------------------------------------- helpers

    /** Serves the page at {@code path}, opens it (with {@code suffix} appended) and waits for the tracker. */
    protected String open(String path, TrackerPage page, String suffix) {
        String url = site.serve(path, page.html()) + suffix;
        browser.open(url);
        browser.waitFor("window.footfall && footfall.version", DEADLINE);
        return url;
    }

    protected String open(String path, TrackerPage page) {
        return open(path, page, "");
    }

    /**
     * Tracks an event and waits until it arrives. One tab's events leave in order, one request
     * at a time, so once the barrier is in, everything the page tracked before it is in too.
     */
    protected void trackBarrier() {
        String name = "barrier " + barriers++;
        browser.js("footfall.track(arguments[0]);", name);
        awaitEvent(named(name));
    }

    /** Events other than the barriers. */
    protected static Predicate<JsonNode> notBarrier() {
        return event -> !event.path("event").asText().startsWith("barrier ");
    }

    protected JsonNode awaitEvent(Predicate<JsonNode> matching) {
        await().atMost(DEADLINE).until(() -> !events(matching).isEmpty());
        return events(matching).get(0);
    }

    protected List<JsonNode> events(Predicate<JsonNode> matching) {
        return backend.acceptedEvents().stream().filter(matching).toList();
    }

    protected static Predicate<JsonNode> type(String type) {
        return event -> event.path("type").asText().equals(type);
    }

    protected static Predicate<JsonNode> named(String name) {
        return type("track").and(event -> event.path("event").asText().equals(name));
    }

    protected static Predicate<JsonNode> pageView(String path) {
        return type("page").and(event -> event.path("context").path("page").path("path").asText().equals(path));
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Every accepted event arrived exactly once (a retry that duplicated one would show twice). */
    protected void assertEachDeliveredOnce() {
        List<String> ids = backend.acceptedEvents().stream().map(event -> event.path("messageId").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> UUID_V4.matcher(id).matches());
    }

    protected List<String> queuedEventNames() {
        Object queued = browser.js("return (JSON.parse(localStorage.footfall_queue || '[]')).map(e => e.event || e.type);");
        List<String> names = new ArrayList<>();
        ((List<?>) queued).forEach(name -> names.add(String.valueOf(name)));
        names.remove("page");
        return names;
    }

    protected void assertNothingStored() {
        assertThat(browser.js("return [localStorage.length, sessionStorage.length, document.cookie];"))
                .asList().containsExactly(0L, 0L, "");
    }

    protected void awaitConsoleError(String fragment) {
        List<String> seen = new ArrayList<>();
        await().atMost(DEADLINE).until(() -> {
            seen.addAll(browser.consoleErrors());
            return seen.stream().anyMatch(error -> error.contains(fragment));
        });
    }

    protected void clickAll(String... ids) {
        for (String id : ids) {
            browser.driver().findElement(By.id(id)).click();
        }
    }
}
