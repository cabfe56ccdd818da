package dev.footfall.job.sketch;

import java.util.Arrays;

/**
 * Approximate distinct counting with HyperLogLog (Flajolet et al., 2007) and 2^12 registers: a
 * standard error of 1.04 / sqrt(4096) = 1.6 %. Small sets are kept exactly as a sorted array of hashes (up to 512,
 * which is as many bytes as the registers), so the visitor count of a quiet page or minute is
 * exact, and the registers are only allocated for busy rows.
 *
 * <p>A mutable POJO (public fields, no-argument constructor) so Flink keeps it in state with its
 * POJO serializer, never Kryo.
 */
public class HyperLogLog {

    public static final int PRECISION = 12;
    public static final int REGISTERS = 1 << PRECISION;
    /** Largest exact set: 512 hashes of 8 bytes take the 4 KiB the registers take. */
    public static final int EXACT_LIMIT = 512;

    private static final double ALPHA_INFINITY = 0.5 / Math.log(2);

    /** Sorted distinct hashes while the set is small; null once the registers are in use. */
    public long[] exact = new long[0];
    /** The registers, once more than {@link #EXACT_LIMIT} distinct hashes were seen. */
    public byte[] registers;

    public HyperLogLog() {
    }

    /** Adds one element by its 64-bit hash (see {@link Hash64}). */
    public void add(long hash) {
        if (registers != null) {
            addToRegisters(registers, hash);
            return;
        }
        int at = Arrays.binarySearch(exact, hash);
        if (at >= 0) {
            return;
        }
        if (exact.length < EXACT_LIMIT) {
            int insert = -at - 1;
            long[] grown = new long[exact.length + 1];
            System.arraycopy(exact, 0, grown, 0, insert);
            grown[insert] = hash;
            System.arraycopy(exact, insert, grown, insert + 1, exact.length - insert);
            exact = grown;
            return;
        }
        registers = new byte[REGISTERS];
        for (long h : exact) {
            addToRegisters(registers, h);
        }
        addToRegisters(registers, hash);
        exact = null;
    }

    /**
     * The estimated number of distinct elements added; exact up to {@link #EXACT_LIMIT}. Beyond
     * that, Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog
     * sketches", 2017): unbiased over the whole range, so there is no switch-over point (classic
     * HyperLogLog's jump from linear counting, around 10,000 elements at this size, is off by up
     * to 5 %).
     */
    public long estimate() {
        if (registers == null) {
            return exact.length;
        }
        int q = 64 - PRECISION;
        int[] histogram = new int[q + 2];
        for (byte register : registers) {
            histogram[register]++;
        }
        double m = REGISTERS;
        double z = m * tau(1 - histogram[q + 1] / m);
        for (int k = q; k >= 1; k--) {
            z += histogram[k];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(ALPHA_INFINITY * m * m / z);
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (previous != z);
        return z;
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double y = 1.0;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        } while (previous != z);
        return z / 3;
    }

    private static void addToRegisters(byte[] registers, long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        // The low bits, with a guard bit so the rank is bounded by 64 - PRECISION + 1.
        long rest = (hash << PRECISION) | (1L << (PRECISION - 1));
        byte rank = (byte) (Long.numberOfLeadingZeros(rest) + 1);
        if (rank > registers[index]) {
            registers[index] = rank;
        }
    }
}
