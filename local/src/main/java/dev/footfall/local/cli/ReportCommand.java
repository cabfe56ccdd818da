package dev.footfall.local.cli;

import dev.footfall.console.cli.OpenSearchOptions;
import dev.footfall.console.OpenSearchAccess;
import dev.footfall.console.query.StatsEngine;
import dev.footfall.index.client.ServerException;
import dev.footfall.local.report.Report;
import dev.footfall.console.query.DefinitionsInForce;
import dev.footfall.console.query.QueryException;
import dev.footfall.definitions.DefinitionsTopic;
import dev.footfall.local.report.ReportPrinter;
import dev.footfall.local.report.ReportQuery;
import dev.footfall.local.report.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print visitors, pageviews, sessions, bounce rate, average session duration, top pages, "
                + "sources, events by name, invalid events by reason, goals and optionally a funnel, computed by the "
                + "console's query layer.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--site", description = "Only this site (default: all sites).")
    String site;

    @Option(names = "--from", description = "Start: now, -24h, -7d, 2026-03-01 or an ISO instant (default: -24h).")
    String from = "-24h";

    @Option(names = "--to", description = "End, same forms (default: now).")
    String to = "now";

    @Option(names = "--json", description = "Print a JSON object instead of a table.")
    boolean json;

    @Option(names = "--funnel", paramLabel = "NAME",
            description = "Also show this funnel's visitors per step (needs --site; read from the definitions topic).")
    String funnel;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            defaultValue = "${env:FOOTFALL_KAFKA_BOOTSTRAP:-127.0.0.1:9092}",
            description = "With --funnel: Kafka, where the definitions are (FOOTFALL_KAFKA_BOOTSTRAP; default ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--definitions-topic", defaultValue = "${env:FOOTFALL_DEFINITIONS_TOPIC:-" + DefinitionsTopic.DEFAULT_TOPIC + "}",
            description = "With --funnel: the definitions topic (FOOTFALL_DEFINITIONS_TOPIC; default ${DEFAULT-VALUE}).")
    String definitionsTopic;

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
        if (funnel != null && site == null) {
            System.err.println("footfall report: --funnel needs --site (funnels are defined per site)");
            return 2;
        }
        Report report;
        try {
            DefinitionsInForce definitions = DefinitionsInForce.NONE;
            if (funnel != null) {
                List<String> problems = new ArrayList<>();
                definitions = DefinitionsInForce.of(DefinitionsTopic.parseAll(
                        new DefinitionsTopic(kafka, definitionsTopic).readAll(), problems));
                problems.forEach(p -> System.err.println("footfall report: definitions topic: " + p));
            }
            StatsEngine engine = new StatsEngine(new OpenSearchAccess(openSearch.client()), definitions);
            report = new ReportQuery(engine).run(site, range, funnel);
        } catch (ServerException e) {
            System.err.println("footfall report: " + OpenSearchOptions.explain(e));
            return 1;
        } catch (QueryException e) {
            System.err.println("footfall report: " + e.getMessage().replace("#/funnel", "--funnel"));
            return 2;
        } catch (IllegalStateException e) {
            // What DefinitionsTopic says when Kafka does not answer.
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
