package dev.footfall.job.sketch;

import java.util.Arrays;

/**
 * Approximate distinct counting (Flajolet et al., 2007) with 2^12 registers: a standard error of
 * 1.04 / sqrt(4096) = 1.6 %. Small sets are kept exactly as a sorted array of hashes (up to 512,
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

    private static final double ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

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

    /** The estimated number of distinct elements added; exact up to {@link #EXACT_LIMIT}. */
    public long estimate() {
        if (registers == null) {
            return exact.length;
        }
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += Math.scalb(1.0, -register);
            if (register == 0) {
                zeros++;
            }
        }
        double estimate = ALPHA * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            // Linear counting is the better estimator while many registers are still empty.
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        // 64-bit hashes make the large-range correction of the 32-bit original unnecessary.
        return Math.round(estimate);
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
