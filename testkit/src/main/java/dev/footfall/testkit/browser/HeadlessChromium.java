package dev.footfall.testkit.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven through Debian's ChromeDriver, for tests that need a browser.
 *
 * <p>Binaries come from the machine ({@code apt-get install chromium chromium-driver}); nothing is
 * ever downloaded (the driver path is set explicitly, so Selenium Manager never runs). Override the
 * paths with {@code -Dfootfall.chromium=...} / {@code -Dfootfall.chromedriver=...} or the
 * environment variables {@code FOOTFALL_CHROMIUM} / {@code FOOTFALL_CHROMEDRIVER}. Each instance
 * has a fresh profile directory, deleted on {@link #close()}.
 *
 * <pre>{@code
 * try (HeadlessChromium browser = HeadlessChromium.start()) {
 *     browser.open("http://127.0.0.1:" + port + "/");
 *     browser.waitFor("document.title === 'Shop'", Duration.ofSeconds(30));
 *     browser.offline(true);
 * }
 * }</pre>
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final List<String> ARGUMENTS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-quic", "--no-first-run",
            "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--disable-extensions", "--window-size=1280,800");

    // Selenium looks for a DevTools binding matching the browser's version on every start and
    // warns when it has none; this class talks to the DevTools protocol through ChromeDriver
    // (executeCdpCommand) and needs none. A static reference keeps the level from being collected.
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with the default options. */
    public static HeadlessChromium start() {
        return start(options -> { });
    }

    /**
     * Starts a browser; {@code customizer} may add arguments or preferences, for example
     * {@code options.setExperimentalOption("prefs", Map.of("enable_do_not_track", true))}.
     */
    public static HeadlessChromium start(Consumer<ChromeOptions> customizer) {
        File chromium = executable("footfall.chromium", "FOOTFALL_CHROMIUM", "/usr/bin/chromium");
        File chromedriver = executable("footfall.chromedriver", "FOOTFALL_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path profile;
        try {
            profile = Files.createTempDirectory("footfall-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        customizer.accept(options);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            return new HeadlessChromium(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteRecursively(profile);
            throw e;
        }
    }

    /** Navigates the current tab to {@code url} and waits for its load event. */
    public void open(String url) {
        driver.get(url);
    }

    /** Runs {@code script} as the body of a function in the page; {@code arguments[i]} are the args. */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Waits until the JavaScript expression {@code condition} is truthy in the current page.
     *
     * @throws AssertionError naming the condition when the deadline passes
     */
    public void waitFor(String condition, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        Object last = null;
        RuntimeException lastError = null;
        while (System.nanoTime() < end) {
            try {
                last = js("return !!(" + condition + ");");
                lastError = null;
                if (Boolean.TRUE.equals(last)) {
                    return;
                }
            } catch (RuntimeException e) {
                // A navigation in progress makes scripts fail for a moment: poll again.
                lastError = e;
            }
            pause(Duration.ofMillis(50));
        }
        AssertionError failure = new AssertionError("Not true within " + deadline + " in " + currentUrl() + ": " + condition
                + (lastError != null ? " (last attempt failed: " + lastError.getMessage() + ")" : ""));
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }

    /**
     * Takes the page's network offline or back online (DevTools network emulation): requests fail,
     * {@code navigator.onLine} changes and the page gets its {@code offline}/{@code online} event.
     */
    public void offline(boolean offline) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of(
                "offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Deletes every cookie of the browser, for every host. */
    public void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /**
     * The console errors (uncaught exceptions, {@code console.error}, failed resource loads) logged
     * since the last call: the browser hands each entry out once.
     */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** The current page's address. */
    public String currentUrl() {
        try {
            return driver.getCurrentUrl();
        } catch (RuntimeException e) {
            return "(unknown page)";
        }
    }

    /** The underlying driver, for anything the helpers above do not cover. */
    public ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(profile);
        }
    }

    private static File executable(String property, String variable, String fallback) {
        String configured = System.getProperty(property, System.getenv(variable));
        File file = new File(configured == null || configured.isBlank() ? fallback : configured);
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing or not executable: install Debian's browser"
                    + " (apt-get install -y chromium chromium-driver) or point -D" + property + " / " + variable + " at it");
        }
        return file;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the browser", e);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Chromium may still be writing into its profile while it exits; a stray file in tmp is harmless.
        }
    }
}
