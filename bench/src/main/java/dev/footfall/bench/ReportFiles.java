package dev.footfall.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads back a written report. */
final class ReportFiles {

    private ReportFiles() {
    }

    static boolean hasProblems(Path runDirectory) throws IOException {
        return new ObjectMapper().readTree(runDirectory.resolve("report.json").toFile()).path("problems").size() > 0;
    }
}
