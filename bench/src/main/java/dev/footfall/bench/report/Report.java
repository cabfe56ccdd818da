package dev.footfall.bench.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole benchmark run: when, how (quick or full, which benchmarks), on what machine, and one
 * section per benchmark.
 */
public final class Report {

    private final Instant started;
    private final String mode;
    private final List<String> arguments;
    private final Machine machine;
    private final List<Section> sections = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Instant finished;
    private String loadAverageAtEnd;

    public Report(Instant started, String mode, List<String> arguments, Machine machine) {
        this.started = started;
        this.mode = mode;
        this.arguments = List.copyOf(arguments);
        this.machine = machine;
    }

    public Instant started() {
        return started;
    }

    public String mode() {
        return mode;
    }

    public List<String> arguments() {
        return arguments;
    }

    public Machine machine() {
        return machine;
    }

    public List<Section> sections() {
        return sections;
    }

    /** Benchmarks that failed to run, with why; a report with problems is incomplete. */
    public List<String> problems() {
        return problems;
    }

    public Instant finished() {
        return finished;
    }

    public String loadAverageAtEnd() {
        return loadAverageAtEnd;
    }

    public void add(Section section) {
        sections.add(section);
    }

    public void problem(String problem) {
        problems.add(problem);
    }

    public void finish(Instant at) {
        finished = at;
        loadAverageAtEnd = Machine.loadAverage().orElse("unknown");
    }
}
