package dev.footfall.dashboards.savedobjects;

import dev.footfall.dashboards.ExitCode;
import dev.footfall.dashboards.SetupException;
import java.util.Optional;

/** The import was refused, as a whole or for some objects; the report lists each object's error. */
public final class ImportFailedException extends SetupException {

    private final transient ImportReport report;

    public ImportFailedException(String message, ImportReport report) {
        super(ExitCode.IMPORT_FAILED, message);
        this.report = report;
    }

    /** Present when Dashboards answered with a per-object report (HTTP 200, success false). */
    public Optional<ImportReport> report() {
        return Optional.ofNullable(report);
    }
}
