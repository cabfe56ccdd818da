package dev.footfall.gateway.ingest;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random (version 4) UUIDs for events that arrive without a {@code messageId}.
 * {@link UUID#randomUUID()} draws from one shared SecureRandom, a point of contention on the
 * request path; uniqueness, not unpredictability, is what a message id needs.
 */
final class MessageIds {

    private MessageIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
