package dev.footfall.job.model;

/** A valid, deduplicated event with what enrichment derived from it. */
public record EnrichedEvent(ValidEvent event, Enrichment enrichment) {

    public String visitorKey() {
        return event.visitorKey();
    }
}
