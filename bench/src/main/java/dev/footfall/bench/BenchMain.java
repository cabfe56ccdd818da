package dev.footfall.bench;

import dev.footfall.bench.process.BenchLogging;
import dev.footfall.bench.soak.SoakPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./footfall bench}: runs the benchmarks and writes a JSON and a markdown
 * report, every figure next to a floor measured in the same run.
 */
@Command(name = "footfall bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the gateway, the Flink job, freshness and memory, each figure next to a floor "
                + "measured in the same run.",
                "Writes <out>/<UTC timestamp>/report.json and report.md. A full run takes about 10 minutes on 2 cores "
                        + "(up to 15 when neighbours are busy); needs wrk (apt-get install wrk).",
                "The 30-minute soak (steady load; heap, GC, Flink state and consumer lag over time) is not part of it: "
                        + "run it with --only soak.",
                "Nor is the capacity search (the highest steady rate the one-box stack keeps fresh, at Flink "
                        + "parallelism 1 and 2, next to OpenSearch's bulk-indexing floor; 10-15 minutes): --only capacity.",
                "Nor is the Stats API over a month of history (--only history): the real job loads it at a few "
                        + "hundred events per second on a busy machine, so the first load takes minutes to hours."})
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--quick", description = "a short run (a few minutes): rough numbers, same report")
    boolean quick;

    @Option(names = "--scale", hidden = true, description = "full, quick or tiny (the smoke test's)")
    String scaleName;

    @Option(names = "--only", split = ",", paramLabel = "BENCHMARK",
            description = "run only these: gateway, job, job-compute, freshness, memory, capacity, soak, history "
                    + "(repeatable or comma-separated; memory takes the gateway's heap from the gateway benchmark, so it "
                    + "runs that too; capacity, soak and history run only when named here)")
    List<String> only = new ArrayList<>();

    @Option(names = "--soak-minutes", paramLabel = "N", description = "how long the soak runs (default: "
            + SoakPlan.DEFAULT_MINUTES + ")")
    Integer soakMinutes;

    @Option(names = "--history-events", paramLabel = "N", description = "events in the history's 30 days (default: "
            + "10,000,000; --quick 500,000); the loaded history is kept under <out>/history-data/ and reused while the "
            + "plan and the job's code stay the same")
    Long historyEvents;

    @Option(names = "--history-rounds", paramLabel = "N", description = "timed rounds of the history's queries "
            + "(default: 60; --quick 20), after a fifth as many warm-up rounds (at least 1)")
    Integer historyRounds;

    @Option(names = "--out", paramLabel = "DIR", description = "where run directories go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("bench-results");

    @Option(names = "--job-events", paramLabel = "N", description = "records preloaded for the job benchmark "
            + "(default: 3,000,000; --quick 100,000)")
    Long jobEvents;

    @Option(names = "--connections", split = ",", paramLabel = "SINGLE,BATCH", description = "wrk's keep-alive "
            + "connections in the gateway benchmark, for single events and for batches (default: 256,32)")
    List<Integer> connections;

    @Option(names = "--flink", paramLabel = "KEY=VALUE", description = "extra Flink configuration for every job run "
            + "and the stack's job, applied after the job's own (an experiment, e.g. pipeline.object-reuse=true); "
            + "repeatable")
    java.util.Map<String, String> flink = new java.util.LinkedHashMap<>();

    @Option(names = "--gateway", paramLabel = "KEY=VALUE", description = "a gateway configuration key for the gateway "
            + "benchmark, on top of the reference configuration (an experiment, e.g. kafka.linger.ms=5); repeatable")
    java.util.Map<String, String> gateway = new java.util.LinkedHashMap<>();

    @Option(names = "--jfr", description = "record every measured JVM (and the bench's own, which runs Kafka and "
            + "OpenSearch) with Java Flight Recorder: logs/*.jfr in the run directory; summarize one with "
            + "dev.footfall.bench.JfrSummary")
    boolean jfr;

    private final List<String> arguments;

    BenchMain(List<String> arguments) {
        this.arguments = arguments;
    }

    public static void main(String[] args) {
        BenchLogging.configure();
        System.exit(new CommandLine(new BenchMain(List.of(args))).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Scale scale = Scale.named(scaleName != null ? scaleName : quick ? "quick" : "full");
        if (jobEvents != null) {
            scale = scale.withJobEvents(jobEvents);
        }
        if (connections != null) {
            scale = scale.withConnections(connections.get(0), connections.get(connections.size() - 1));
        }
        Set<Benchmark> chosen = EnumSet.noneOf(Benchmark.class);
        for (String id : only) {
            chosen.add(Benchmark.of(id));
        }
        Path runDirectory = new BenchRunner(scale, chosen, out, arguments,
                new BenchRunner.Options(jfr, flink, gateway, soakMinutes, historyEvents, historyRounds)).run();
        return ReportFiles.hasProblems(runDirectory) ? 1 : 0;
    }
}
