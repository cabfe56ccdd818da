package dev.footfall.job.model;

/**
 * One visitor's events that match some step of one funnel, in event order (time, then message id
 * hash), with their attempts and what was last written of each. Only the events that can still change an
 * attempt are kept (docs/funnels.md, "State"). A mutable POJO of primitive arrays: Flink writes it
 * without Kryo, and a checkpoint writes a few arrays instead of an object per event.
 */
public class FunnelTimeline {

    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];
    private static final VisitAttributes[] NO_ATTRIBUTES = new VisitAttributes[0];

    /** Marks an attempt whose document has not been written yet. */
    public static final long NOT_WRITTEN = Long.MIN_VALUE;

    /** Event times, ascending (ties ordered by {@link #ids}). */
    public long[] times = NO_LONGS;
    /** 64-bit hashes of the events' message ids. */
    public long[] ids = NO_LONGS;
    /** The steps each event matches: bit {@code i} is step {@code i + 1}. */
    public int[] masks = NO_INTS;
    /** The visit attributes of the events that match step 1 (null for the others). */
    public VisitAttributes[] attributes = NO_ATTRIBUTES;

    /** The attempts of these events that have not settled: start event id and time. */
    public long[] attemptIds = NO_LONGS;
    public long[] attemptStarts = NO_LONGS;
    /** What each attempt's document says (its signature) as last written, or {@link #NOT_WRITTEN}. */
    public long[] writtenSignatures = NO_LONGS;
    /** Some attempt changed since its document was last written. */
    public boolean dirty;

    public FunnelTimeline() {
    }

    public int size() {
        return times.length;
    }

    public boolean isEmpty() {
        return times.length == 0 && attemptIds.length == 0;
    }

    /** Orders events by time, then by id: the same order on every run. */
    public static int compare(long time1, long id1, long time2, long id2) {
        int byTime = Long.compare(time1, time2);
        return byTime != 0 ? byTime : Long.compare(id1, id2);
    }

    /** Puts an event in its place; false when it is already there (a replay of the same event). */
    public boolean insert(long time, long id, int mask, VisitAttributes attributes) {
        int at = times.length;
        while (at > 0 && compare(times[at - 1], ids[at - 1], time, id) > 0) {
            at--;
        }
        if (at > 0 && times[at - 1] == time && ids[at - 1] == id) {
            return false;
        }
        times = Arrays2.insert(times, at, time);
        ids = Arrays2.insert(ids, at, id);
        masks = Arrays2.insert(masks, at, mask);
        this.attributes = Arrays2.insert(this.attributes, at, (mask & 1) != 0 ? attributes : null,
                VisitAttributes[]::new);
        return true;
    }

    /** Forgets the first {@code count} events: they can no longer change any attempt. */
    public void dropFirst(int count) {
        if (count <= 0) {
            return;
        }
        times = Arrays2.tail(times, count);
        ids = Arrays2.tail(ids, count);
        masks = Arrays2.tail(masks, count);
        attributes = Arrays2.tail(attributes, count, VisitAttributes[]::new);
    }
}
