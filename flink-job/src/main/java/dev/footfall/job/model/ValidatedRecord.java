package dev.footfall.job.model;

/**
 * What the source emits for each raw record: exactly one of {@code valid} and {@code invalid} is
 * set. Validation happens inside the source so that the event time of valid events drives the
 * per-partition watermarks.
 */
public record ValidatedRecord(ValidEvent valid, InvalidEvent invalid) {

    public static ValidatedRecord of(ValidEvent event) {
        return new ValidatedRecord(event, null);
    }

    public static ValidatedRecord of(InvalidEvent event) {
        return new ValidatedRecord(null, event);
    }

    public boolean isValid() {
        return valid != null;
    }
}
