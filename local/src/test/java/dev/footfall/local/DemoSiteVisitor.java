package dev.footfall.local;

import dev.footfall.testkit.browser.HeadlessChromium;
import java.time.Duration;
import org.openqa.selenium.By;

/**
 * A person on the stack's demo site, in headless Chromium with the user agent given (Chromium's
 * own headless one is classified as a bot, so a visitor the tests count needs a normal one).
 */
public final class DemoSiteVisitor implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final HeadlessChromium browser;

    private DemoSiteVisitor(HeadlessChromium browser) {
        this.browser = browser;
    }

    public static DemoSiteVisitor start(String userAgent) {
        return new DemoSiteVisitor(HeadlessChromium.start(options -> options.addArguments("--user-agent=" + userAgent)));
    }

    /** Opens a page and waits until its tracker has loaded. */
    public void open(String url) {
        browser.open(url);
        browser.waitFor("window.footfall && typeof window.footfall.track === 'function'", DEADLINE);
    }

    public void click(By element) {
        browser.driver().findElement(element).click();
    }

    /** The tracker keeps undelivered events in localStorage until the gateway acknowledged them. */
    public void awaitDelivered() {
        browser.waitFor("!localStorage.getItem('footfall_queue') || localStorage.getItem('footfall_queue') === '[]'",
                DEADLINE);
    }

    public HeadlessChromium browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
    }
}
