package dev.footfall.event;

/**
 * Strict UTF-8 (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF; and,
 * for JSON text, no NUL byte (one means the text is UTF-16 or UTF-32, which parsers detect).
 * Jackson's byte parser decodes some of those without complaint (an overlong {@code C0 AF} reads
 * as {@code /}), so {@link StrictJson} checks what it accepted.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
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
