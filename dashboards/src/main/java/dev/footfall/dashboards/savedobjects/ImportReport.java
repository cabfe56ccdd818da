package dev.footfall.dashboards.savedobjects;

import java.util.ArrayList;
import java.util.List;

/**
 * OpenSearch Dashboards' answer to an import. Judge it by {@link #success()}: with any conflict or
 * missing reference nothing at all is written, although {@link #successCount()} counts the objects
 * that had no error of their own.
 */
public record ImportReport(boolean success, int successCount, List<ObjectError> errors) {

    /** One object the import refused, and why. */
    public record ObjectError(String type, String id, String title, String errorType, String detail) {

        @Override
        public String toString() {
            return type + ":" + id + (title.isEmpty() ? "" : " \"" + title + "\"") + ": " + errorType
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ObjectError e : errors) {
            lines.add("  " + e);
        }
        return lines;
    }
}
