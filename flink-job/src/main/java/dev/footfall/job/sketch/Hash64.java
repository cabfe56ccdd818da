package dev.footfall.job.sketch;

/**
 * A fast 64-bit string hash that stands for a message id in state (deduplication, funnel
 * attempts): FNV-1a over the UTF-16 code units, then MurmurHash3's 64-bit finalizer so that every
 * output bit depends on every input bit and two ids collide with probability close to 2^-64.
 */
public final class Hash64 {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hash64() {
    }

    public static long of(String value) {
        long h = FNV_OFFSET;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    /** MurmurHash3 fmix64. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
