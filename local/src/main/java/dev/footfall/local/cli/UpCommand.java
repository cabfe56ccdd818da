package dev.footfall.local.cli;

import dev.footfall.local.stack.LocalSettings;
import dev.footfall.local.stack.LocalStack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the whole pipeline on this machine: Kafka, OpenSearch, the Flink job, the gateway, a "
                + "demo site and the console. Ctrl-C stops it cleanly; the next start resumes where it stopped.")
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Where data lives (default: $FOOTFALL_DATA_DIR or .footfall).")
    Path dataDir;

    @Option(names = "--http-port", description = "Gateway and demo site port (default: $FOOTFALL_HTTP_PORT or 8080).")
    Integer httpPort;

    @Option(names = "--kafka-port", description = "Kafka port (default: $FOOTFALL_KAFKA_PORT or 9092).")
    Integer kafkaPort;

    @Option(names = "--opensearch-port", description = "OpenSearch HTTP port (default: $FOOTFALL_OPENSEARCH_PORT or 9200).")
    Integer openSearchPort;

    @Option(names = "--flink-ui-port", description = "Flink web UI port (default: $FOOTFALL_FLINK_UI_PORT or 8081).")
    Integer flinkUiPort;

    @Option(names = "--console-port", description = "Console and Stats API port (default: $FOOTFALL_CONSOLE_PORT or 8082).")
    Integer consolePort;

    @Option(names = "--sites-file", description = "A sites file (site ids, write keys, allowed origins) instead of "
            + "the generated site 'local'.")
    Path sitesFile;

    @Override
    public Integer call() throws Exception {
        LocalSettings settings = LocalSettings.fromEnvironment(System.getenv());
        settings = settings.withPorts(
                httpPort != null ? httpPort : settings.httpPort(),
                kafkaPort != null ? kafkaPort : settings.kafkaPort(),
                openSearchPort != null ? openSearchPort : settings.openSearchPort(),
                flinkUiPort != null ? flinkUiPort : settings.flinkUiPort(),
                consolePort != null ? consolePort : settings.consolePort());
        if (dataDir != null) {
            settings = settings.withDataDir(dataDir);
        }
        if (sitesFile != null) {
            settings = settings.withSitesFile(sitesFile);
        }

        LocalStack stack;
        Path data = settings.dataDir();
        try {
            stack = LocalStack.start(settings, line -> System.out.println("footfall: " + line));
        } catch (Exception e) {
            System.err.println("footfall up: could not start: " + e.getMessage());
            System.err.println("  (is another ./footfall up running, or a port taken? Ports are configurable: "
                    + "./footfall up --help)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("footfall: stopping (the Flink job takes a savepoint) ...");
            stack.close();
            System.out.println("footfall: stopped. Data is kept in " + data + ".");
            stopped.countDown();
        }, "footfall-shutdown"));

        System.out.printf("""

                Footfall is running.

                  Demo site          %1$s/
                  Tracker script     %12$s
                  Ingest API         %13$s/v1/batch  (Segment HTTP Tracking API), %13$s/api/events
                  Site / write key   %2$s / %3$s
                  OpenSearch         %4$s
                  Flink web UI       %5$s
                  Kafka              %6$s
                  Stats API key      %7$s
                                     (POST %8$s/api/v2/query with Authorization: Bearer <key>)

                Numbers:  ./footfall report        Stop: Ctrl-C

                  Dashboard          %8$s/
                  Log in             %9$s
                                     (one-time link, valid %10$s%11$s)

                """, stack.gatewayUrl(), stack.siteId(), stack.writeKey(), stack.openSearchUrl(), stack.flinkUiUrl(),
                stack.kafkaBootstrap(), stack.apiKey(), stack.consoleUrl(), stack.consoleLoginLink(),
                stack.consoleLoginLinkTtl(),
                System.getenv("FOOTFALL_CONSOLE_PASSWORD") == null ? ""
                        : "; or log in with the password in FOOTFALL_CONSOLE_PASSWORD",
                stack.trackerUrl(), stack.ingestUrl());
        stopped.await();
        return 0;
    }
}
