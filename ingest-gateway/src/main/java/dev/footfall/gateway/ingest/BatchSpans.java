package dev.footfall.gateway.ingest;

/**
 * The size in bytes of each element of a batch's {@code "batch"} array, as the client sent it.
 * The per-event limit is about the bytes a client sent, which a parsed tree no longer knows;
 * this single pass over the (already validated) JSON finds the element boundaries without
 * building anything. It returns null when the layout is not the plain one (an escaped key name,
 * say); the caller then measures re-serialized elements instead.
 */
final class BatchSpans {

    private static final byte[] BATCH = {'b', 'a', 't', 'c', 'h'};

    private BatchSpans() {
    }

    static int[] elementSizes(byte[] json, int offset, int length, int expectedCount) {
        int end = offset + length;
        int pos = skipWhitespace(json, offset, end);
        if (pos >= end || json[pos] != '{') {
            return null;
        }
        pos++;
        while (true) {
            pos = skipWhitespace(json, pos, end);
            if (pos >= end || json[pos] != '"') {
                return null;
            }
            int keyStart = pos + 1;
            pos = skipString(json, pos, end);
            if (pos < 0) {
                return null;
            }
            boolean isBatch = pos - 1 - keyStart == BATCH.length && matches(json, keyStart, BATCH);
            pos = skipWhitespace(json, pos, end);
            if (pos >= end || json[pos] != ':') {
                return null;
            }
            pos = skipWhitespace(json, pos + 1, end);
            if (isBatch) {
                return arrayElementSizes(json, pos, end, expectedCount);
            }
            pos = skipValue(json, pos, end);
            if (pos < 0) {
                return null;
            }
            pos = skipWhitespace(json, pos, end);
            if (pos >= end || json[pos] != ',') {
                return null;
            }
            pos++;
        }
    }

    private static int[] arrayElementSizes(byte[] json, int pos, int end, int expectedCount) {
        if (pos >= end || json[pos] != '[') {
            return null;
        }
        int[] sizes = new int[expectedCount];
        int count = 0;
        pos = skipWhitespace(json, pos + 1, end);
        if (pos < end && json[pos] == ']') {
            return count == expectedCount ? sizes : null;
        }
        while (pos < end) {
            int start = pos;
            pos = skipValue(json, pos, end);
            if (pos < 0 || count == expectedCount) {
                return null;
            }
            sizes[count++] = pos - start;
            pos = skipWhitespace(json, pos, end);
            if (pos >= end) {
                return null;
            }
            if (json[pos] == ']') {
                return count == expectedCount ? sizes : null;
            }
            if (json[pos] != ',') {
                return null;
            }
            pos = skipWhitespace(json, pos + 1, end);
        }
        return null;
    }

    /** Returns the position after the value starting at {@code pos}, or -1. */
    private static int skipValue(byte[] json, int pos, int end) {
        if (pos >= end) {
            return -1;
        }
        byte first = json[pos];
        if (first == '"') {
            return skipString(json, pos, end);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            while (pos < end) {
                byte b = json[pos];
                if (b == '"') {
                    pos = skipString(json, pos, end);
                    if (pos < 0) {
                        return -1;
                    }
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    depth--;
                    if (depth == 0) {
                        return pos + 1;
                    }
                }
                pos++;
            }
            return -1;
        }
        while (pos < end) {
            byte b = json[pos];
            if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                return pos;
            }
            pos++;
        }
        return pos;
    }

    /** {@code pos} is at the opening quote; returns the position after the closing one, or -1. */
    private static int skipString(byte[] json, int pos, int end) {
        pos++;
        while (pos < end) {
            byte b = json[pos];
            if (b == '\\') {
                pos += 2;
            } else if (b == '"') {
                return pos + 1;
            } else {
                pos++;
            }
        }
        return -1;
    }

    private static int skipWhitespace(byte[] json, int pos, int end) {
        while (pos < end) {
            byte b = json[pos];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return pos;
            }
            pos++;
        }
        return pos;
    }

    private static boolean matches(byte[] json, int at, byte[] word) {
        for (int i = 0; i < word.length; i++) {
            if (json[at + i] != word[i]) {
                return false;
            }
        }
        return true;
    }
}
