package dev.footfall.job.model;

/** The running totals of one site's pipeline-health row in one window. A mutable POJO. */
public class HealthAccumulator extends WindowAccumulator<HealthInput> {
    public String siteId;
    public long events;
    public long duplicates;
    public long lateEvents;
    public long invalidEvents;
    public long lagSum;
    public long lagCount;
    public long lagMax;

    public HealthAccumulator() {
    }

    public static HealthAccumulator forSite(String siteId) {
        HealthAccumulator acc = new HealthAccumulator();
        acc.siteId = siteId;
        return acc;
    }

    @Override
    public void add(HealthInput input) {
        events += input.events();
        duplicates += input.duplicates();
        lateEvents += input.lateEvents();
        invalidEvents += input.invalidEvents();
        if (input.lagMs() >= 0) {
            lagSum += input.lagMs();
            lagCount++;
            lagMax = Math.max(lagMax, input.lagMs());
        }
        dirty = true;
    }

    public long lagAverage() {
        return lagCount == 0 ? 0 : Math.round((double) lagSum / lagCount);
    }
}
