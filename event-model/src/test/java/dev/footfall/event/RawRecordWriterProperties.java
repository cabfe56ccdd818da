package dev.footfall.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The gateway writes raw-topic records with {@link RawRecordWriter}; the job and every reader
 * rely on them being the tree form's bytes ({@link TreeFormRecords}): fields, order, omitted
 * nulls and empty objects, number and string forms. Any field may be absent here.
 */
class RawRecordWriterProperties {

    @Property(tries = 3000)
    void writesTheTreeFormsBytes(@ForAll("events") TrackedEvent event) throws Exception {
        byte[] tree = StrictJson.mapper().writeValueAsBytes(TreeFormRecords.toJson(event));
        byte[] streamed = EventCodec.toRecord(event);
        assertThat(new String(streamed, StandardCharsets.UTF_8)).isEqualTo(new String(tree, StandardCharsets.UTF_8));
        assertThat(streamed).isEqualTo(tree);
    }

    @Provide
    Arbitrary<TrackedEvent> events() {
        Arbitrary<String> texts = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(12),
                Arbitraries.of("", "é \"quoted\" \\ /", "\u0000\u001f\u2028", "emoji \uD83D\uDE00", "<script>"));
        Arbitrary<Instant> instants = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L).map(Instant::ofEpochSecond),
                Arbitraries.longs().between(0, 4_000_000_000_000L).map(Instant::ofEpochMilli),
                Arbitraries.of(Instant.MIN, Instant.MAX, Instant.parse("2026-03-01T12:00:00.000001Z")));
        Arbitrary<ObjectNode> objects = Arbitraries.oneOf(Arbitraries.just(null),
                Arbitraries.of("{}", "{\"a\":1}", "{\"plan\":\"pro\",\"seats\":3,\"nested\":{\"x\":[1,2.5,{\"y\":true}]}}",
                        "{\"n\":null,\"big\":12345678901234567890,\"e\":1e300,\"s\":\"\\u00e9\"}")
                        .map(text -> (ObjectNode) Fixtures.json(text)));
        Arbitrary<EventContext> contexts = Arbitraries.oneOf(Arbitraries.just(EventContext.EMPTY),
                Arbitraries.lazy(() -> contexts(texts, objects)));
        return Combinators.combine(Arbitraries.integers().between(0, 1 << 20), texts.list().ofSize(10),
                instants.list().ofSize(4), objects.list().ofSize(2), contexts).as(RawRecordWriterProperties::event);
    }

    private static Arbitrary<EventContext> contexts(Arbitrary<String> texts, Arbitrary<ObjectNode> objects) {
        return Combinators.combine(texts.list().ofSize(17), objects, Arbitraries.integers().between(0, 63),
                Arbitraries.of(null, 0, 1280), Arbitraries.of(null, 1.0, 2.625, 3e-7))
                .as((t, other, present, width, density) -> new EventContext(
                                (present & 1) == 0 ? null : new PageContext(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4)),
                                (present & 2) == 0 ? null : new Campaign(t.get(5), t.get(6), t.get(7), t.get(8), t.get(9)),
                                (present & 4) == 0 ? null : new Library(t.get(10), t.get(11)),
                                (present & 8) == 0 ? null : new Screen(width, (present & 16) == 0 ? null : 800, density),
                                t.get(12), t.get(13), t.get(14), t.get(15), otherWith(other, t.get(16), present)));
    }

    /** Extra context keys, some named like the well-known ones (the typed field wins when set). */
    private static ObjectNode otherWith(ObjectNode base, String text, int present) {
        ObjectNode other = base == null ? StrictJson.mapper().createObjectNode() : base.deepCopy();
        if ((present & 32) != 0) {
            other.put("app", text);
            other.put("userAgent", "from other");
            other.putObject("page").put("url", "from other");
        }
        return other;
    }

    private static TrackedEvent event(int seed, List<String> t, List<Instant> i, List<ObjectNode> o, EventContext c) {
        EventType type = EventType.values()[seed % EventType.values().length];
        Envelope envelope = seed % 3 == 0 ? null
                : new Envelope(i.get(3) == null ? Fixtures.RECEIVED : i.get(3), "site-" + seed, t.get(8), t.get(9));
        return TrackedEvent.builder(type).messageId(t.get(0)).anonymousId(t.get(1)).userId(t.get(2)).event(t.get(3))
                .name(t.get(4)).groupId(t.get(5)).previousId(t.get(6)).properties(o.get(0)).traits(o.get(1)).context(c)
                .timestamp(i.get(0)).originalTimestamp(i.get(1)).sentAt(i.get(2)).envelope(envelope).build();
    }
}
