package dev.footfall.definitions;

import java.util.Objects;

/**
 * One step of a funnel.
 *
 * @param name the label reports show, when the file gives one (else {@link #label()} is the page
 *     pattern or the event name)
 */
public record Step(String name, Match match) {

    public Step {
        Objects.requireNonNull(match, "match");
    }

    public String label() {
        return name != null ? name : match.label();
    }
}
