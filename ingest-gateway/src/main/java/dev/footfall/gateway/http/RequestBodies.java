package dev.footfall.gateway.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Gzip request bodies (some server SDKs compress their batches). Inflated in memory with the
 * same limit as plain bodies, checked while inflating, so a small bomb cannot become a large heap.
 */
final class RequestBodies {

    /** The inflated body, or why there is none. */
    record Inflated(byte[] bytes, int length, boolean tooLarge, String error) {
    }

    private RequestBodies() {
    }

    static Inflated gunzip(byte[] in, int length, int limit) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(in, 0, length), 8192)) {
            byte[] out = new byte[Math.min(limit + 1, Math.max(1024, length * 4))];
            int size = 0;
            while (true) {
                if (size == out.length) {
                    if (size > limit) {
                        return new Inflated(null, 0, true, null);
                    }
                    out = Arrays.copyOf(out, Math.min(limit + 1, out.length * 2));
                }
                int n = gzip.read(out, size, out.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
            if (size > limit) {
                return new Inflated(null, 0, true, null);
            }
            return new Inflated(out, size, false, null);
        } catch (IOException e) {
            return new Inflated(null, 0, false, "the gzip body cannot be inflated: " + e.getMessage());
        }
    }
}
