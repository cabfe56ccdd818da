package dev.footfall.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** No input makes the codec or the rules throw: everything ends as an event or a reasoned rejection. */
class EventModelProperties {

    private final EventRules rules = EventRules.defaults();

    /** Runs the whole job-side path on raw bytes and returns its outcome; must never throw. */
    private Outcome<TrackedEvent> jobPath(byte[] bytes) {
        return EventCodec.fromRecord(bytes).then(e -> rules.check(e, bytes.length));
    }

    /** Runs the whole gateway-side path on a body. */
    private Outcome<TrackedEvent> gatewayPath(byte[] bytes) {
        return StrictJson.parse(bytes)
                .then(node -> EventCodec.fromClientJson(node, null))
                .then(e -> rules.check(e.toBuilder().envelope(Fixtures.ENVELOPE).build(), bytes.length));
    }

    @Property(tries = 3000)
    void arbitraryBytesNeverThrow(@ForAll @Size(max = 300) byte[] bytes) {
        assertReasoned(jobPath(bytes));
        assertReasoned(gatewayPath(bytes));
    }

    @Property(tries = 3000)
    void jsonLikeTextNeverThrows(@ForAll("jsonLikeText") String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertReasoned(jobPath(bytes));
        assertReasoned(gatewayPath(bytes));
    }

    @Property(tries = 2000)
    void mutatedValidRecordsNeverThrow(@ForAll("validRecord") String record, @ForAll int position, @ForAll char replacement) {
        StringBuilder mutated = new StringBuilder(record);
        int at = Math.floorMod(position, mutated.length());
        mutated.setCharAt(at, replacement);
        assertReasoned(jobPath(mutated.toString().getBytes(StandardCharsets.UTF_8)));
        // truncation at any point is also a reasoned rejection
        assertReasoned(jobPath(record.substring(0, at).getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 1000)
    void anyJsonValueInAnyFieldNeverThrows(@ForAll("field") String field, @ForAll("jsonValue") String value) {
        String body = "{\"type\":\"track\",\"event\":\"e\",\"anonymousId\":\"a\",\"siteId\":\"s\","
                + "\"receivedAt\":\"2026-03-01T12:00:00Z\",\"" + field + "\":" + value + "}";
        assertReasoned(jobPath(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 1000)
    void acceptedRecordsRoundTripExactly(@ForAll("validRecord") String record) {
        Outcome<TrackedEvent> first = jobPath(record.getBytes(StandardCharsets.UTF_8));
        assertThat(first.isAccepted()).as(record).isTrue();
        Outcome<TrackedEvent> again = jobPath(EventCodec.toRecord(first.value()));
        assertThat(again.value()).isEqualTo(first.value());
    }

    private static void assertReasoned(Outcome<TrackedEvent> outcome) {
        if (!outcome.isAccepted()) {
            assertThat(outcome.rejection().reason()).isNotNull();
            assertThat(outcome.rejection().message()).isNotBlank();
        } else {
            assertThat(outcome.value().timestamp()).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> jsonLikeText() {
        return Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+ntrufals\\/abc \u00e9\u0000\n")
                .ofMaxLength(200);
    }

    @Provide
    Arbitrary<String> field() {
        return Arbitraries.of("type", "event", "name", "messageId", "anonymousId", "userId", "properties", "traits",
                "context", "timestamp", "sentAt", "originalTimestamp", "groupId", "previousId", "receivedAt",
                "siteId", "visitorId", "clientAddress");
    }

    @Provide
    Arbitrary<String> jsonValue() {
        Arbitrary<String> scalars = Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "1e999999", "-1e999999",
                "12345678901234567890123456789", "\"\"", "\"x\"", "\"2026-03-01T11:00:00Z\"", "\"9999-12-31T23:59:59Z\"",
                "\"0001-01-01T00:00:00Z\"", "\"\\u0000\"", "{}", "[]", "{\"page\":{\"url\":1}}", "{\"screen\":{\"width\":1e10}}",
                "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{}}}}}}}", "[[[[[[[[1]]]]]]]]");
        return scalars;
    }

    @Provide
    Arbitrary<String> validRecord() {
        Arbitrary<String> names = Combinators.combine(Arbitraries.chars().alpha(),
                Arbitraries.strings().alpha().numeric().withChars(' ', '_', 'é').ofMaxLength(40))
                .as((first, rest) -> first + rest);
        Arbitrary<Integer> seconds = Arbitraries.integers().between(0, 86_400);
        Arbitrary<String> types = Arbitraries.of("track", "page", "screen");
        return Combinators.combine(names, seconds, types, Arbitraries.integers().between(0, 99))
                .as((name, offset, type, number) -> {
                    Instant time = Instant.parse("2026-03-01T00:00:00Z").plusSeconds(offset);
                    JsonNode props = StrictJson.mapper().createObjectNode().put("n", number).put("label", name);
                    return "{\"type\":\"" + type + "\",\"event\":" + StrictJson.mapper().valueToTree(name)
                            + ",\"messageId\":\"m-" + number + "\",\"anonymousId\":\"a-" + number
                            + "\",\"properties\":" + props + ",\"timestamp\":\"" + time + "\",\"sentAt\":\"" + time
                            + "\",\"siteId\":\"s\",\"receivedAt\":\"2026-03-02T00:00:00Z\"}";
                });
    }
}
