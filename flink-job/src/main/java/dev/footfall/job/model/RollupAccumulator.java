package dev.footfall.job.model;

/** The running totals of one rollup row in one window. A mutable POJO kept in keyed state. */
public class RollupAccumulator extends WindowAccumulator<RollupInput> {
    public String siteId;
    public String dimension;
    public String key;
    public long pageviews;
    public long events;
    public long sessions;
    public long bounces;

    public RollupAccumulator() {
    }

    public static RollupAccumulator forRow(RollupInput first) {
        RollupAccumulator acc = new RollupAccumulator();
        acc.siteId = first.siteId();
        acc.dimension = first.dimension();
        acc.key = first.key();
        return acc;
    }

    @Override
    public void add(RollupInput input) {
        pageviews += input.pageviews();
        events += input.events();
        sessions += input.sessions();
        bounces += input.bounces();
        dirty = true;
    }
}
