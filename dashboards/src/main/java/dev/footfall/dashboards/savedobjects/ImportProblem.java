package dev.footfall.dashboards.savedobjects;

/** One finding of the {@link ImportValidator}: which rule, on which line and object, and why. */
public record ImportProblem(ImportRule rule, int line, String object, String message) {

    @Override
    public String toString() {
        return "line " + line + (object == null ? "" : " " + object) + ": " + rule + ": " + message;
    }
}
