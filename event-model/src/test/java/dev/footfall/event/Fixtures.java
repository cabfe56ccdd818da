package dev.footfall.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Fixed instants and small factories shared by the model's tests. */
final class Fixtures {
    static final Instant RECEIVED = Instant.parse("2026-03-01T12:00:00Z");
    static final Envelope ENVELOPE = new Envelope(RECEIVED, "site-1", "203.0.113.0", null);

    private Fixtures() {
    }

    static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8)).value();
    }

    /** A client message read as a track (or its own type when impliedType is null), then enveloped. */
    static TrackedEvent client(String text, EventType impliedType) {
        return EventCodec.fromClientJson(json(text), impliedType).value().toBuilder().envelope(ENVELOPE).build();
    }
}
