package dev.footfall.local.cli;

import dev.footfall.local.opensearch.OpenSearchHttp;
import dev.footfall.local.report.Report;
import dev.footfall.local.report.ReportPrinter;
import dev.footfall.local.report.ReportQuery;
import dev.footfall.local.report.TimeRange;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print visitors, pageviews, sessions, bounce rate, average session duration, top pages, "
                + "sources, events by name and invalid events by reason, read from OpenSearch.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--site", description = "Only this site (default: all sites).")
    String site;

    @Option(names = "--from", description = "Start: now, -24h, -7d, 2026-03-01 or an ISO instant (default: -24h).")
    String from = "-24h";

    @Option(names = "--to", description = "End, same forms (default: now).")
    String to = "now";

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--opensearch", description = "OpenSearch URL (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:FOOTFALL_OPENSEARCH_URL:-http://127.0.0.1:9200}")
    String openSearchUrl;

    @Option(names = "--user", defaultValue = "${env:FOOTFALL_OPENSEARCH_USER}", description = "OpenSearch user.")
    String user;

    @Option(names = "--password", defaultValue = "${env:FOOTFALL_OPENSEARCH_PASSWORD}",
            description = "OpenSearch password (prefer the environment variable).")
    String password;

    @Option(names = "--insecure", defaultValue = "${env:FOOTFALL_INSECURE:-false}",
            description = "Trust any TLS certificate (the self-signed demo certificates of docker-compose).")
    boolean insecure;

    @Override
    public Integer call() throws Exception {
        Instant now = Instant.now();
        TimeRange range;
        try {
            range = new TimeRange(TimeRange.parseBound(from, now), TimeRange.parseBound(to, now));
        } catch (IllegalArgumentException e) {
            System.err.println("footfall report: " + e.getMessage());
            return 2;
        }
        OpenSearchHttp openSearch = new OpenSearchHttp(openSearchUrl, user, password, insecure);
        Report report;
        try {
            report = new ReportQuery(openSearch::search).run(site, range);
        } catch (java.io.IOException e) {
            System.err.println("footfall report: " + e.getMessage());
            return 1;
        }
        if (json) {
            ReportPrinter.printJson(report, System.out);
        } else {
            ReportPrinter.printTable(report, System.out);
        }
        return 0;
    }
}
