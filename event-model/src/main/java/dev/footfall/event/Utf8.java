package dev.footfall.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF; and,
 * for JSON text, no NUL byte (one means the text is UTF-16 or UTF-32, which parsers detect).
 * Jackson's byte parser decodes some of those without complaint (an overlong {@code C0 AF} reads
 * as {@code /}), so {@link StrictJson} checks what it accepted.
 */
final class Utf8 {

    /** Reads eight bytes as one long, so plain ASCII can be checked a word at a time. */
    static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * Whether the eight bytes at {@code at} are all ASCII and none is NUL. Conservative: a word
     * it refuses is then read byte by byte, so a false "no" costs time, never correctness.
     */
    static boolean plainAscii8(byte[] bytes, int at) {
        long word = (long) WORDS.get(bytes, at);
        // A byte with its high bit set, or a zero byte (which borrows into its high bit).
        return ((word | (word - ONES)) & HIGH_BITS) == 0;
    }

    /** Whether any of the eight bytes at {@code at} is {@code value} (an ASCII byte); exact. */
    static boolean hasByte8(byte[] bytes, int at, byte value) {
        long x = (long) WORDS.get(bytes, at) ^ (ONES * value);
        return ((x - ONES) & ~x & HIGH_BITS) != 0;
    }

    static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            // JSON is mostly ASCII: skip it a word at a time.
            while (i + 8 <= end && plainAscii8(bytes, i)) {
                i += 8;
            }
            if (i >= end) {
                break;
            }
            int b = bytes[i];
            if (b > 0) { // ASCII, the common case
                i++;
                continue;
            }
            if (b == 0) {
                return false; // JSON text never holds a raw NUL: this is UTF-16 or UTF-32
            }
            b &= 0xFF;
            int need;
            int min;
            int max = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b == 0xE0) {
                need = 2;
                min = 0xA0; // below: overlong
            } else if (b == 0xED) {
                need = 2;
                min = 0x80;
                max = 0x9F; // above: UTF-16 surrogates
            } else if (b >= 0xE1 && b <= 0xEF) {
                need = 2;
                min = 0x80;
            } else if (b == 0xF0) {
                need = 3;
                min = 0x90; // below: overlong
            } else if (b >= 0xF1 && b <= 0xF3) {
                need = 3;
                min = 0x80;
            } else if (b == 0xF4) {
                need = 3;
                min = 0x80;
                max = 0x8F; // above: beyond U+10FFFF
            } else {
                return false; // a continuation byte where a character starts, C0, C1, F5-FF
            }
            if (i + need >= end) {
                return false; // cut short
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }
}
