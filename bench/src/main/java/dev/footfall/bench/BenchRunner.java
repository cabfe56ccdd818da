package dev.footfall.bench;

import dev.footfall.bench.freshness.CapacityBench;
import dev.footfall.bench.freshness.StackBench;
import dev.footfall.bench.gateway.GatewayBench;
import dev.footfall.bench.history.HistoryBench;
import dev.footfall.bench.history.HistoryPlan;
import dev.footfall.bench.job.JobBench;
import dev.footfall.bench.process.ChildJvm;
import dev.footfall.bench.process.SelfRecording;
import dev.footfall.bench.report.Machine;
import dev.footfall.bench.report.Report;
import dev.footfall.bench.report.ReportWriter;
import dev.footfall.bench.report.Section;
import dev.footfall.bench.soak.SoakBench;
import dev.footfall.bench.soak.SoakPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the chosen benchmarks and writes {@code <out>/<timestamp>/report.json} and
 * {@code report.md}. A benchmark that fails is named in the report's problems and the others
 * still run, so one broken part does not cost a 15-minute run.
 */
public final class BenchRunner {

    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Scale scale;
    private final Set<Benchmark> benchmarks;
    private final Path out;
    private final List<String> arguments;
    private final Options options;

    /**
     * What the command line may add to a run.
     *
     * @param flightRecording Java Flight Recorder on every measured JVM and on this one
     * @param flinkOverrides Flink configuration applied to every job run after the job's own: for experiments
     * @param gatewayOverrides gateway configuration on top of the reference one, for the gateway benchmark: for
     *     experiments
     * @param soakMinutes how long the soak runs, when it runs (null: {@link SoakPlan#DEFAULT_MINUTES}; the tiny
     *     scale's is shorter)
     * @param historyEvents events in the history benchmark's days, when it runs (null: the scale's)
     * @param historyRounds timed rounds of the history benchmark's queries, when it runs (null: the scale's)
     */
    public record Options(boolean flightRecording, Map<String, String> flinkOverrides,
            Map<String, String> gatewayOverrides, Integer soakMinutes, Long historyEvents, Integer historyRounds) {

        public Options {
            flinkOverrides = Map.copyOf(flinkOverrides);
            gatewayOverrides = Map.copyOf(gatewayOverrides);
        }

        public static Options none() {
            return new Options(false, Map.of(), Map.of(), null, null, null);
        }
    }

    public BenchRunner(Scale scale, Set<Benchmark> benchmarks, Path out, List<String> arguments) {
        this(scale, benchmarks, out, arguments, Options.none());
    }

    public BenchRunner(Scale scale, Set<Benchmark> benchmarks, Path out, List<String> arguments, Options options) {
        this.scale = scale;
        this.benchmarks = benchmarks.isEmpty() ? Benchmark.defaults() : EnumSet.copyOf(benchmarks);
        this.out = out;
        this.arguments = arguments;
        this.options = options;
    }

    /** Runs everything chosen; returns the run's directory. */
    public Path run() throws IOException {
        Instant started = Instant.now();
        Path runDirectory = out.resolve(RUN_NAME.format(started));
        Files.createDirectories(runDirectory);
        Report report = new Report(started, scale.mode(), arguments, Machine.describe());
        Progress.say("writing to " + runDirectory.toAbsolutePath());
        ChildJvm.recordFlights(options.flightRecording());
        ChildJvm.commonOptions(scale.childJvmOptions());
        try (Services services = new Services();
                SelfRecording recording = SelfRecording.start(options.flightRecording(),
                        runDirectory.resolve("logs/bench.jfr"))) {
            Section gateway = null;
            if (benchmarks.contains(Benchmark.GATEWAY) || benchmarks.contains(Benchmark.MEMORY)) {
                gateway = attempt(report, "gateway", () -> new GatewayBench(services, scale, runDirectory,
                        options.gatewayOverrides()).run());
                save(report, runDirectory);
            }
            if (benchmarks.contains(Benchmark.JOB) || benchmarks.contains(Benchmark.JOB_COMPUTE)) {
                boolean computeOnly = !benchmarks.contains(Benchmark.JOB);
                attempt(report, "job", () -> new JobBench(services, scale, runDirectory, options.flinkOverrides(),
                        computeOnly).run());
                save(report, runDirectory);
            }
            if (benchmarks.contains(Benchmark.HISTORY)) {
                HistoryPlan plan = HistoryPlan.forMode(scale.mode(), options.historyEvents(), options.historyRounds());
                attempt(report, "history", () -> new HistoryBench(services, scale, plan, out, runDirectory).run());
                save(report, runDirectory);
            }
            // The stack runs in its own JVM with its own Kafka and OpenSearch: free the bench's first.
            services.close();
            if (benchmarks.contains(Benchmark.FRESHNESS) || benchmarks.contains(Benchmark.MEMORY)) {
                Section gatewaySection = gateway;
                try {
                    StackBench.Result stack = new StackBench(scale, runDirectory, options.flinkOverrides()).run();
                    if (benchmarks.contains(Benchmark.FRESHNESS)) {
                        report.add(stack.freshness());
                    }
                    if (benchmarks.contains(Benchmark.MEMORY)) {
                        Section memory = stack.memory();
                        if (gatewaySection != null) {
                            gatewaySection.figures().stream().filter(f -> f.name().contains("heap"))
                                    .forEach(memory::add);
                            memory.note("Gateway heap figures: from the gateway benchmark above (a gateway JVM of "
                                    + "its own under wrk's load).");
                        }
                        report.add(memory);
                    }
                } catch (RuntimeException | InterruptedException e) {
                    Progress.say("freshness/memory failed: " + e);
                    e.printStackTrace();
                    report.problem("freshness/memory: " + e);
                }
                save(report, runDirectory);
            }
            if (benchmarks.contains(Benchmark.CAPACITY)) {
                attempt(report, "capacity", () -> new CapacityBench(CapacityBench.Plan.forMode(scale.mode()),
                        scale.stackHeap(), runDirectory, options.flinkOverrides()).run());
                save(report, runDirectory);
            }
            if (benchmarks.contains(Benchmark.SOAK)) {
                SoakPlan plan = SoakPlan.forMode(scale.mode(), options.soakMinutes());
                attempt(report, "soak", () -> new SoakBench(plan, runDirectory, options.flinkOverrides()).run());
                save(report, runDirectory);
            }
        }
        report.finish(Instant.now());
        ReportWriter.write(report, runDirectory);
        Progress.say("report: " + runDirectory.resolve("report.md").toAbsolutePath());
        return runDirectory;
    }

    /** Runs one benchmark; a failure is recorded in the report instead of ending the run. */
    private static Section attempt(Report report, String name, java.util.function.Supplier<Section> benchmark) {
        try {
            Section section = benchmark.get();
            report.add(section);
            return section;
        } catch (RuntimeException e) {
            Progress.say(name + " failed: " + e);
            e.printStackTrace();
            report.problem(name + ": " + e);
            return null;
        }
    }

    /** Written after each benchmark: an interrupted run still leaves what it measured. */
    private static void save(Report report, Path runDirectory) throws IOException {
        report.finish(Instant.now());
        ReportWriter.write(report, runDirectory);
    }
}
