package dev.footfall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One quiet run of the bench at the tiny scale, as the smoke tests make it: its run directory
 * and the report it wrote.
 */
public record SmokeRun(Path directory, JsonNode report) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Runs {@code benchmarks} into {@code java.io.tmpdir/<name>}.
     *
     * @param arguments the command line the report records
     */
    public static SmokeRun of(String name, Set<Benchmark> benchmarks, List<String> arguments) throws IOException {
        Progress.quiet(true);
        Path runDirectory = new BenchRunner(Scale.tiny(), benchmarks, out(name), arguments).run();
        return new SmokeRun(runDirectory, JSON.readTree(runDirectory.resolve("report.json").toFile()));
    }

    /** Where {@link #of} writes runs named {@code name}: kept between runs unless a test deletes it. */
    public static Path out(String name) {
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    /** A section of the report, by its id. */
    public JsonNode section(String id) {
        return report.path("sections").path(id);
    }

    /** The field names of a JSON object, in order. */
    public static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
