package dev.footfall.local.cli;

import dev.footfall.console.cli.OpenSearchOptions;
import dev.footfall.console.OpenSearchAccess;
import dev.footfall.console.query.StatsEngine;
import dev.footfall.index.client.ServerException;
import dev.footfall.local.report.Report;
import dev.footfall.local.report.ReportPrinter;
import dev.footfall.local.report.ReportQuery;
import dev.footfall.local.report.TimeRange;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print visitors, pageviews, sessions, bounce rate, average session duration, top pages, "
                + "sources, events by name and invalid events by reason, computed by the console's query layer.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--site", description = "Only this site (default: all sites).")
    String site;

    @Option(names = "--from", description = "Start: now, -24h, -7d, 2026-03-01 or an ISO instant (default: -24h).")
    String from = "-24h";

    @Option(names = "--to", description = "End, same forms (default: now).")
    String to = "now";

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Mixin
    OpenSearchOptions openSearch;

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
        Report report;
        try {
            report = new ReportQuery(new StatsEngine(new OpenSearchAccess(openSearch.client()))).run(site, range);
        } catch (ServerException e) {
            System.err.println("footfall report: " + OpenSearchOptions.explain(e));
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
