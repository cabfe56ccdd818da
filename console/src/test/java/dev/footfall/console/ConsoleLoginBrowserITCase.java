package dev.footfall.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.index.IndexFamily;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import dev.footfall.testkit.browser.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;

/**
 * The console's login in a real Chromium: a one-time link and the password each open the
 * dashboard page, which reads the Stats API with its session cookie (HttpOnly, Secure,
 * SameSite=Strict) and CSRF token and shows the numbers; a request without the token is refused;
 * a used link and a wrong password are refused with a message on the page. Screenshots go to
 * target/screenshots/.
 */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleLoginBrowserITCase {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 5);

    private OpenSearchTestClient search;
    private ConsoleServer console;
    private HeadlessChromium chromium;
    private String base;

    @BeforeAll
    void start(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        this.search = search;
        ProductIndexTemplates.install(node);
        String index = IndexFamily.EVENTS.dailyIndex(DAY);
        search.deleteIndex(index);
        // Today (5 March, UTC) the demo site saw two visitors: three page views and a click.
        search.bulkIndex(index, Map.of(
                "demo:p1", event("p1", "10:00:00", "v1", "page"),
                "demo:p2", event("p2", "10:01:00", "v1", "page"),
                "demo:p3", event("p3", "10:05:00", "v2", "page"),
                "demo:t1", event("t1", "10:06:00", "v2", "track")));
        search.refresh(index);
        console = ConsoleServer.start(ConsoleConfig.defaults().with("console.port", "0").with("console.password", PASSWORD),
                Sites.of(site("demo", "UTC")),
                OpenSearchAccess.of(node.httpUrl()), new MutableClock(Instant.parse("2026-03-05T12:00:00Z")));
        base = "http://localhost:" + console.port();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (console != null) {
            console.close();
        }
        ProductIndexTemplates.remove(search);
    }

    private static Map<String, Object> event(String id, String time, String visitor, String type) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", DAY + "T" + time + "Z");
        doc.put("site_id", "demo");
        doc.put("message_id", id);
        doc.put("type", type);
        doc.put("visitor_id", visitor);
        doc.put("session_id", "s-" + visitor);
        doc.put("page_path", "/");
        doc.put("is_bot", false);
        if (type.equals("track")) {
            doc.put("event_name", "Clicked");
        }
        return doc;
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), chromium.driver().getScreenshotAs(OutputType.BYTES));
    }

    private void expectTheDashboardNumbers() {
        chromium.waitFor("document.getElementById('kpis') && document.getElementById('kpis').dataset.state === 'ready'",
                DEADLINE);
        assertThat(chromium.driver().findElement(By.cssSelector("#kpis [data-metric=visitors] .kpi-value")).getText())
                .isEqualTo("2");
        assertThat(chromium.driver().findElement(By.cssSelector("#kpis [data-metric=pageviews] .kpi-value")).getText())
                .isEqualTo("3");
        assertThat((String) chromium.js("return document.getElementById('site-picker').value;")).isEqualTo("demo");
    }

    @Test
    void aOneTimeLinkLogsInOnceAndTheDashboardReadsTheApi() throws Exception {
        chromium.clearCookies();
        String link = console.newLoginLink();
        chromium.open(link.replace("http://localhost:" + console.port(), base));
        // The dashboard, which writes what it shows into the address (site and range).
        assertThat(java.net.URI.create(chromium.currentUrl()).getPath()).isEqualTo("/");
        assertThat(chromium.currentUrl()).startsWith(base + "/");
        expectTheDashboardNumbers();
        screenshot("console-dashboard-after-login-link");

        Cookie cookie = chromium.driver().manage().getCookieNamed("footfall_session");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.isSecure()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        // The page's script cannot read the cookie.
        assertThat((String) chromium.js("return document.cookie;")).doesNotContain("footfall_session");

        // The same API call without the CSRF header: the cookie alone is not enough.
        Object status = chromium.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v2/query', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                        + " body: JSON.stringify({site_id: 'demo', metrics: ['visitors'], date_range: 'day'})})"
                        + ".then(r => done(r.status), e => done(String(e)));");
        assertThat(status).isEqualTo(403L);

        // Used once: the link is spent, even for a browser that lost its cookie.
        chromium.clearCookies();
        chromium.open(link);
        assertThat(chromium.driver().findElement(By.cssSelector(".error")).getText()).contains("already used");
        screenshot("console-login-link-spent");
    }

    @Test
    void thePasswordLogsInAndLogoutEndsTheSession() throws Exception {
        chromium.clearCookies();
        chromium.open(base + "/");
        assertThat(chromium.currentUrl()).isEqualTo(base + "/login");

        chromium.driver().findElement(By.id("password")).sendKeys("wrong");
        chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitFor("document.querySelector('.error') !== null", DEADLINE);
        assertThat(chromium.driver().findElement(By.cssSelector(".error")).getText()).isEqualTo("Wrong password.");
        screenshot("console-login-wrong-password");

        chromium.driver().findElement(By.id("password")).sendKeys(PASSWORD);
        chromium.driver().findElement(By.cssSelector("button[type=submit]")).click();
        chromium.waitFor("location.pathname === '/'", DEADLINE);
        expectTheDashboardNumbers();
        screenshot("console-dashboard-after-password");

        chromium.driver().findElement(By.cssSelector("form[action='/logout'] button")).click();
        chromium.waitFor("location.pathname === '/login'", DEADLINE);
        chromium.open(base + "/");
        assertThat(chromium.currentUrl()).isEqualTo(base + "/login");
    }

    private static Site site(String id, String zone) {
        return new Site(id, List.of(), Set.of(), ZoneId.of(zone));
    }
}
