package dev.footfall.console.query;

import java.util.List;

/**
 * A funnel's steps over a period: who reached each, as {@link FunnelSource} computes it.
 *
 * @param funnel the funnel's name
 */
public record FunnelResult(String funnel, List<Step> steps) {

    public FunnelResult {
        steps = List.copyOf(steps);
    }

    /**
     * @param name           the step's label (its name, else its page or event)
     * @param visitors       distinct visitors with an attempt started in the period that reached this step
     * @param conversionRate visitors over step 1's, × 100 (Plausible's); 0 when nobody entered
     * @param dropoff        the previous step's visitors minus this step's; 0 for step 1
     */
    public record Step(String name, long visitors, double conversionRate, long dropoff) {
    }
}
