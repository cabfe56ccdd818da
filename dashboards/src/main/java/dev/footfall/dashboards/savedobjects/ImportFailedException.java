package dev.footfall.dashboards.savedobjects;

import java.util.Optional;

/**
 * The saved objects would not import, or OpenSearch Dashboards refused them as a whole or for
 * some objects; the report, when there is one, lists each object's error. Exit code 6.
 */
public final class ImportFailedException extends RuntimeException {

    private final transient ImportReport report;

    public ImportFailedException(String message, ImportReport report) {
        super(message);
        this.report = report;
    }

    /** Present when Dashboards answered with a per-object report (HTTP 200, success false). */
    public Optional<ImportReport> report() {
        return Optional.ofNullable(report);
    }
}
