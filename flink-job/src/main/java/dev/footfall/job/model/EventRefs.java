package dev.footfall.job.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The events of one session as the sessionizer needs them to repoint their documents after a
 * merge: message id and event time, packed into one growing byte array. Kept inside
 * {@link SessionState} because a heap-backend checkpoint then writes one array per session
 * instead of a map entry (and three strings, character by character) per event, and because
 * the references leave state together with their session.
 *
 * <p>Layout of one entry: event time (8 bytes), the id's length in chars (4 bytes, the top bit
 * set when the id is stored as UTF-16 rather than Latin-1), the id's chars. Lossless for any
 * Java string, lone surrogates included, so a repointed id always names the indexed document.
 */
public final class EventRefs {

    /** Receives the references of a session, in the order they were added. */
    @FunctionalInterface
    public interface Visitor {
        void accept(String messageId, long eventTime) throws Exception;
    }

    static final byte[] NONE = new byte[0];

    private static final int UTF16 = 0x8000_0000;

    private EventRefs() {
    }

    /** Appends one reference to {@code packed} (of which {@code size} bytes are used); returns the array to keep. */
    static byte[] add(byte[] packed, int size, String messageId, long eventTime) {
        int chars = messageId.length();
        int entry = entrySize(messageId);
        boolean latin1 = entry == 12 + chars;
        int needed = size + entry;
        byte[] out = packed;
        if (needed > out.length) {
            out = Arrays.copyOf(packed, Math.max(needed, Math.max(64, packed.length * 2)));
        }
        int at = size;
        at = putLong(out, at, eventTime);
        at = putInt(out, at, latin1 ? chars : chars | UTF16);
        if (latin1) {
            for (int i = 0; i < chars; i++) {
                out[at++] = (byte) messageId.charAt(i);
            }
        } else {
            for (int i = 0; i < chars; i++) {
                char c = messageId.charAt(i);
                out[at++] = (byte) (c >> 8);
                out[at++] = (byte) c;
            }
        }
        return out;
    }

    /** The bytes {@link #add} takes for one reference. */
    static int entrySize(String messageId) {
        for (int i = 0; i < messageId.length(); i++) {
            if (messageId.charAt(i) > 0xFF) {
                return 12 + 2 * messageId.length();
            }
        }
        return 12 + messageId.length();
    }

    /** Visits the references from byte {@code from} (the start of an entry) to {@code size}. */
    static void forEach(byte[] packed, int from, int size, Visitor visitor) throws Exception {
        int at = from;
        while (at < size) {
            long eventTime = getLong(packed, at);
            int header = getInt(packed, at + 8);
            at += 12;
            int chars = header & ~UTF16;
            String id;
            if ((header & UTF16) == 0) {
                id = new String(packed, at, chars, StandardCharsets.ISO_8859_1);
                at += chars;
            } else {
                char[] text = new char[chars];
                for (int i = 0; i < chars; i++) {
                    text[i] = (char) (((packed[at] & 0xFF) << 8) | (packed[at + 1] & 0xFF));
                    at += 2;
                }
                id = new String(text);
            }
            visitor.accept(id, eventTime);
        }
    }

    private static int putLong(byte[] out, int at, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[at++] = (byte) (value >>> shift);
        }
        return at;
    }

    private static int putInt(byte[] out, int at, int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            out[at++] = (byte) (value >>> shift);
        }
        return at;
    }

    private static long getLong(byte[] in, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[at + i] & 0xFF);
        }
        return value;
    }

    private static int getInt(byte[] in, int at) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (in[at + i] & 0xFF);
        }
        return value;
    }
}
