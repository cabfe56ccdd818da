package dev.footfall.definitions;

import dev.footfall.index.DocumentIds;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A funnel: 2 to 8 steps a visitor takes in order, the last one at most {@code window} after the
 * first. docs/funnels.md defines exactly what counts.
 *
 * @param windowText the window as the file wrote it, kept so the topic and {@code list} show it as given
 */
public record Funnel(String site, String name, Duration window, String windowText, FunnelOrder order,
        List<Step> steps) {

    public static final int MIN_STEPS = 2;
    public static final int MAX_STEPS = 8;

    public Funnel {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(windowText, "windowText");
        Objects.requireNonNull(order, "order");
        steps = List.copyOf(steps);
        if (steps.size() < MIN_STEPS || steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("a funnel has " + MIN_STEPS + " to " + MAX_STEPS + " steps, got "
                    + steps.size());
        }
    }

    /**
     * 16 hex digits of the SHA-256 of what decides the funnel's results: the order, the window and
     * what each step matches (not the labels). Attempts are kept per id, so editing the steps
     * starts the funnel afresh instead of mixing attempts of two definitions.
     */
    public String id() {
        StringBuilder text = new StringBuilder(order.wireName()).append('\u0000').append(window.toMillis());
        for (Step step : steps) {
            String canonical = step.match().canonical();
            text.append('\u0000').append(canonical.length()).append(':').append(canonical);
        }
        return DocumentIds.hash(text.toString());
    }

    /** Where the job keeps this funnel's attempts for a visitor: its name and its id. */
    public String stateKey() {
        return name + '\u0000' + id();
    }
}
