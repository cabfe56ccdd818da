package dev.footfall.job.model;

import java.util.Arrays;
import java.util.function.IntFunction;

/** Insertion and removal on the exactly sized arrays the funnel state keeps. */
final class Arrays2 {

    private Arrays2() {
    }

    static long[] insert(long[] array, int at, long value) {
        long[] out = withGap(array, array.length, at, long[]::new);
        out[at] = value;
        return out;
    }

    static int[] insert(int[] array, int at, int value) {
        int[] out = withGap(array, array.length, at, int[]::new);
        out[at] = value;
        return out;
    }

    static <T> T[] insert(T[] array, int at, T value, IntFunction<T[]> newArray) {
        T[] out = withGap(array, array.length, at, newArray);
        out[at] = value;
        return out;
    }

    /** A copy one longer, with a free slot at {@code at} (any array type: System.arraycopy copies them all). */
    private static <A> A withGap(A array, int length, int at, IntFunction<A> newArray) {
        A out = newArray.apply(length + 1);
        System.arraycopy(array, 0, out, 0, at);
        System.arraycopy(array, at, out, at + 1, length - at);
        return out;
    }

    static long[] tail(long[] array, int from) {
        return Arrays.copyOfRange(array, Math.min(from, array.length), array.length);
    }

    static int[] tail(int[] array, int from) {
        return Arrays.copyOfRange(array, Math.min(from, array.length), array.length);
    }

    static <T> T[] tail(T[] array, int from, IntFunction<T[]> newArray) {
        int start = Math.min(from, array.length);
        T[] out = newArray.apply(array.length - start);
        System.arraycopy(array, start, out, 0, out.length);
        return out;
    }
}
