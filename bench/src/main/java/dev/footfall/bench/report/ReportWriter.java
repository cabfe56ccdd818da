package dev.footfall.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** Writes {@code report.json} and {@code report.md} into a run's directory. */
public final class ReportWriter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    public static void write(Report report, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("report.json"), JSON.writeValueAsString(toJson(report)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("report.md"), markdown(report), StandardCharsets.UTF_8);
    }

    public static ObjectNode toJson(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("started", report.started().toString());
        if (report.finished() != null) {
            root.put("finished", report.finished().toString());
            root.put("durationSeconds", Duration.between(report.started(), report.finished()).toSeconds());
        }
        root.put("mode", report.mode());
        root.set("arguments", JSON.valueToTree(report.arguments()));
        root.set("machine", JSON.valueToTree(report.machine()));
        root.put("loadAverageAtEnd", report.loadAverageAtEnd());
        root.set("problems", JSON.valueToTree(report.problems()));
        ObjectNode sections = root.putObject("sections");
        for (Section section : report.sections()) {
            ObjectNode s = sections.putObject(section.id());
            s.put("title", section.title());
            ArrayNode figures = s.putArray("figures");
            for (Figure figure : section.figures()) {
                figures.add(JSON.valueToTree(figure));
            }
            s.set("notes", JSON.valueToTree(section.notes()));
            s.set("details", JSON.valueToTree(section.details()));
            if (!section.tables().isEmpty()) {
                s.set("tables", JSON.valueToTree(section.tables()));
            }
        }
        return root;
    }

    public static String markdown(Report report) {
        StringBuilder md = new StringBuilder();
        Machine m = report.machine();
        md.append("# Footfall benchmark report\n\n");
        md.append("Run ").append(report.started()).append(", mode **").append(report.mode()).append("**");
        if (report.finished() != null) {
            md.append(", ").append(Duration.between(report.started(), report.finished()).toSeconds()).append(" s");
        }
        md.append(". Arguments: `").append(String.join(" ", report.arguments())).append("`\n\n");
        md.append("Machine: ").append(m.cpuModel()).append(", ").append(m.cores()).append(" cores, ")
                .append(String.format(Locale.ROOT, "%,d", m.memoryMb())).append(" MB memory; ")
                .append(m.os()).append(" (kernel ").append(m.kernel()).append(", ").append(m.arch()).append("); ")
                .append(m.jvm()).append(" ").append(m.javaVersion()).append(". Load average at start ")
                .append(m.loadAverageAtStart()).append(", at end ").append(report.loadAverageAtEnd()).append(".\n\n");
        md.append("Every figure is followed by its floors, measured in the same run: for throughput the ratio is ")
                .append("the fraction of the floor reached; for latency, CPU and memory it is the multiple of the floor.\n\n");
        if (!report.problems().isEmpty()) {
            md.append("**Incomplete run:**\n\n");
            report.problems().forEach(p -> md.append("- ").append(p).append('\n'));
            md.append('\n');
        }
        for (Section section : report.sections()) {
            md.append("## ").append(section.title()).append("\n\n");
            md.append("| figure | value | floor | floor value | ratio | target |\n");
            md.append("|---|---:|---|---:|---:|---|\n");
            for (Figure f : section.figures()) {
                for (int i = 0; i < f.floors().size(); i++) {
                    Floor floor = f.floors().get(i);
                    String name = i == 0 ? f.name() : "";
                    String value = i == 0 ? Numbers.format(f.value()) + " " + f.unit() : "";
                    String targets = i == 0 ? targets(f) : "";
                    md.append("| ").append(name).append(" | ").append(value).append(" | ").append(floor.name())
                            .append(" | ").append(Numbers.format(floor.value())).append(" | ")
                            .append(Numbers.ratio(floor.ratio())).append(" | ").append(targets).append(" |\n");
                }
            }
            md.append('\n');
            for (String note : section.notes()) {
                md.append("- ").append(note).append('\n');
            }
            for (Section.Table table : section.tables()) {
                md.append('\n').append(table.caption()).append("\n\n| ").append(String.join(" | ", table.header()))
                        .append(" |\n|").append("---:|".repeat(table.header().size())).append('\n');
                for (java.util.List<String> row : table.rows()) {
                    md.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
            }
            if (!section.details().isEmpty()) {
                md.append("\n<details><summary>details</summary>\n\n```json\n");
                try {
                    JsonNode details = JSON.valueToTree(section.details());
                    md.append(JSON.writeValueAsString(details));
                } catch (IOException e) {
                    md.append("(details could not be written: ").append(e.getMessage()).append(')');
                }
                md.append("\n```\n\n</details>\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String targets(Figure f) {
        StringBuilder out = new StringBuilder();
        for (Target t : f.targets()) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(t.met() ? "met: " : "**missed**: ").append(t.description());
        }
        return out.toString();
    }
}
