package dev.footfall.console;

import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console as its own process (docker-compose's {@code console} service): settings from
 * {@link ConsoleConfig#load()}, stops cleanly on SIGTERM. Prints one login link when no password
 * is configured, so a fresh deployment is reachable at all.
 */
public final class ConsoleMain {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleMain.class);

    private ConsoleMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("keys")) {
            // The image's way to manage keys: `docker compose run --rm console keys create --site ...`.
            System.exit(new picocli.CommandLine(new dev.footfall.console.cli.KeysCommand())
                    .execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        ConsoleConfig config;
        try {
            config = ConsoleConfig.load();
        } catch (IllegalArgumentException e) {
            System.err.println("footfall console: " + e.getMessage());
            System.exit(2);
            return;
        }
        Sites sites = config.sitesFile() == null ? Sites.none() : Sites.load(config.sitesFile());
        OpenSearchAccess openSearch = OpenSearchAccess.of(config);
        ConsoleServer console = ConsoleServer.start(config, sites, openSearch, Clock.systemUTC());
        LOG.info("Console listening on port {} for sites {}", console.port(), sites.all().stream().map(Site::id).toList());
        if (config.password() == null || config.password().isEmpty()) {
            // A one-time secret on the console's own output, like the write key of ./footfall up.
            System.out.println("footfall console: log in once at " + console.newLoginLink());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "console-shutdown"));
        stopped.await();
    }
}
