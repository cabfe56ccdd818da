package dev.footfall.job.model;

/**
 * The running totals of one row in one minute (a rollup row, a health row), kept in keyed state as
 * a mutable POJO: public fields and a no-argument constructor in every subclass.
 *
 * @param <IN> the contributions it adds up
 */
public abstract class WindowAccumulator<IN> {

    /** Changed since the row was last written. */
    public boolean dirty;

    /** Adds one contribution and sets {@link #dirty}. */
    public abstract void add(IN input);
}
