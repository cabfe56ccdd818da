package dev.footfall.event;

/**
 * Finds a {@code \\uXXXX} escape that leaves half of a UTF-16 surrogate pair alone, such as
 * {@code "\\ud800"}. RFC 8259's grammar allows it, but the string it stands for is not Unicode
 * text: no UTF-8 can hold it, and OpenSearch (like Lucene, and any UTF-8 writer) stores U+FFFD in
 * its place. Two message ids differing only in a lone surrogate would then share one document id,
 * so the second event would overwrite the first. I-JSON (RFC 7493) forbids such strings.
 */
final class SurrogateEscapes {

    private SurrogateEscapes() {
    }

    /**
     * The byte offset of the first lone surrogate escape in JSON text the parser has already
     * accepted (so every backslash starts a complete escape), or -1 if there is none.
     */
    static int firstLone(byte[] bytes, int offset, int length) {
        return firstLone(bytes, offset, length, true);
    }

    /**
     * As {@link #firstLone(byte[], int, int)}; with {@code skipPlainWords} false it reads one byte at
     * a time, which is what a test holds the word-at-a-time skip to.
     */
    static int firstLone(byte[] bytes, int offset, int length, boolean skipPlainWords) {
        int end = offset + length;
        int pendingHigh = -1; // a high-surrogate escape waiting for its low half right after it
        for (int i = offset; i < end; i++) {
            if (skipPlainWords && pendingHigh < 0) {
                // Escapes are rare: skip words without a backslash.
                while (i + 8 <= end && !Utf8.hasByte8(bytes, i, (byte) '\\')) {
                    i += 8;
                }
                if (i >= end) {
                    break;
                }
            }
            if (bytes[i] != '\\') {
                if (pendingHigh >= 0) {
                    return pendingHigh;
                }
                continue;
            }
            if (i + 5 >= end || bytes[i + 1] != 'u') {
                if (pendingHigh >= 0) {
                    return pendingHigh;
                }
                i++; // a two-character escape such as \\ or \"
                continue;
            }
            int unit = hex(bytes, i + 2);
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (pendingHigh >= 0) {
                    return pendingHigh;
                }
                pendingHigh = i;
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                if (pendingHigh < 0) {
                    return i;
                }
                pendingHigh = -1;
            } else if (pendingHigh >= 0) {
                return pendingHigh;
            }
            i += 5;
        }
        return pendingHigh;
    }

    /** The escape's four hex digits at {@code at}, or -1 if they are not hex digits. */
    private static int hex(byte[] bytes, int at) {
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int digit = Character.digit(bytes[at + k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }
}
