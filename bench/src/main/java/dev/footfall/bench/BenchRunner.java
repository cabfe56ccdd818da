package dev.footfall.bench;

import dev.footfall.bench.job.JobBench;
import dev.footfall.bench.report.Machine;
import dev.footfall.bench.report.Report;
import dev.footfall.bench.report.ReportWriter;
import dev.footfall.bench.report.Section;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
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

    public BenchRunner(Scale scale, Set<Benchmark> benchmarks, Path out, List<String> arguments) {
        this.scale = scale;
        this.benchmarks = benchmarks.isEmpty() ? EnumSet.allOf(Benchmark.class) : EnumSet.copyOf(benchmarks);
        this.out = out;
        this.arguments = arguments;
    }

    /** Runs everything chosen; returns the run's directory. */
    public Path run() throws IOException {
        Instant started = Instant.now();
        Path runDirectory = out.resolve(RUN_NAME.format(started));
        Files.createDirectories(runDirectory);
        Report report = new Report(started, scale.mode(), arguments, Machine.describe());
        Progress.say("writing to " + runDirectory.toAbsolutePath());
        try (Services services = new Services()) {
            for (Benchmark benchmark : Benchmark.values()) {
                if (!benchmarks.contains(benchmark)) {
                    continue;
                }
                try {
                    for (Section section : run(benchmark, services, runDirectory)) {
                        report.add(section);
                    }
                } catch (RuntimeException e) {
                    Progress.say(benchmark.id() + " failed: " + e);
                    e.printStackTrace();
                    report.problem(benchmark.id() + ": " + e);
                }
                // Written after each benchmark: an interrupted run still leaves what it measured.
                report.finish(Instant.now());
                ReportWriter.write(report, runDirectory);
            }
        }
        report.finish(Instant.now());
        ReportWriter.write(report, runDirectory);
        Progress.say("report: " + runDirectory.resolve("report.md").toAbsolutePath());
        return runDirectory;
    }

    private List<Section> run(Benchmark benchmark, Services services, Path runDirectory) {
        return switch (benchmark) {
            case JOB -> List.of(new JobBench(services, scale, runDirectory).run());
            case GATEWAY, FRESHNESS, MEMORY -> throw new UnsupportedOperationException(benchmark.id() + " is not built yet");
        };
    }
}
