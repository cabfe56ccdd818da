package dev.footfall.event;

import static dev.footfall.event.Fixtures.ENVELOPE;
import static dev.footfall.event.Fixtures.RECEIVED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventRulesTest {

    private final EventRules rules = EventRules.defaults();

    private static TrackedEventBuilder track() {
        return TrackedEvent.builder(EventType.TRACK).event("Clicked").anonymousId("a-1").messageId("m-1").envelope(ENVELOPE);
    }

    /** A track event its client timed at {@code timestamp} and sent at {@code sentAt}, both by the client's clock. */
    private static TrackedEventBuilder track(String timestamp, String sentAt) {
        return track().timestamp(Instant.parse(timestamp)).sentAt(Instant.parse(sentAt));
    }

    private ReasonCode reason(TrackedEvent event) {
        Outcome<TrackedEvent> outcome = rules.check(event, 100);
        assertThat(outcome.isAccepted()).as("expected a rejection of %s", event).isFalse();
        return outcome.rejection().reason();
    }

    private static ObjectNode objectWithKeys(int count) {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        for (int i = 0; i < count; i++) {
            node.put("k" + i, i);
        }
        return node;
    }

    private static ObjectNode nested(int depth) {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        ObjectNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("level" + (i + 1));
        }
        current.put("leaf", 1);
        return root;
    }

    @Test
    void shouldAcceptAValidTrackEvent() {
        assertThat(rules.check(track().build(), 100).isAccepted()).isTrue();
    }

    @Test
    void shouldRequireTheEnvelope() {
        assertThat(reason(track().envelope(null).build())).isEqualTo(ReasonCode.MISSING_SITE);
    }

    @Test
    void shouldEnforceTheEventSizeLimitAtExactly32KiB() {
        assertThat(rules.check(track().build(), 32 * 1024).isAccepted()).isTrue();
        assertThat(rules.check(track().build(), 32 * 1024 + 1).rejection().reason()).isEqualTo(ReasonCode.EVENT_TOO_LARGE);
    }

    @Test
    void shouldRequireTheGatewaysMessageIdOnRawRecords() {
        assertThat(rules.checkRecord(track().messageId(null).build(), 100).rejection().reason())
                .isEqualTo(ReasonCode.MISSING_MESSAGE_ID);
        assertThat(rules.checkRecord(track().messageId(null).envelope(null).build(), 100).rejection().reason())
                .isEqualTo(ReasonCode.MISSING_SITE);
        assertThat(rules.checkRecord(track().build(), 100).isAccepted()).isTrue();
    }

    @Test
    void shouldNotCountTheEnvelopeAgainstTheEventSizeLimitOfARawRecord() {
        TrackedEvent event = track().build();
        int envelopeBytes = "{\"receivedAt\":\"2026-03-01T12:00:00Z\",\"siteId\":\"site-1\",\"clientAddress\":\"203.0.113.0\"}"
                .length();
        assertThat(rules.checkRecord(event, 32 * 1024 + envelopeBytes).isAccepted()).isTrue();
        assertThat(rules.checkRecord(event, 32 * 1024 + envelopeBytes + 1).rejection().reason())
                .isEqualTo(ReasonCode.EVENT_TOO_LARGE);
    }

    @Test
    void shouldGiveAWriterOfTheRawTopicTheSameSizeVerdictAsTheJob() {
        TrackedEvent event = track().build();
        int envelopeBytes = "{\"receivedAt\":\"2026-03-01T12:00:00Z\",\"siteId\":\"site-1\",\"clientAddress\":\"203.0.113.0\"}"
                .length();
        for (int recordBytes : new int[] {100, 32 * 1024 + envelopeBytes, 32 * 1024 + envelopeBytes + 1, 40_000}) {
            boolean jobAccepts = rules.checkRecord(event, recordBytes).isAccepted();
            Rejection writerVerdict = rules.recordSizeProblem(event, recordBytes);
            assertThat(writerVerdict == null).as("record of %d bytes", recordBytes).isEqualTo(jobAccepts);
            if (writerVerdict != null) {
                assertThat(writerVerdict.reason()).isEqualTo(ReasonCode.EVENT_TOO_LARGE);
                assertThat(writerVerdict.message()).contains("the limit is 32768");
            }
        }
    }

    @Test
    void shouldCountEscapedAndNonAsciiEnvelopeFieldsAsTheMapperWritesThem() throws Exception {
        for (String text : java.util.List.of("sit\u00e9", "quote\"back\\slash", "ctl\u0001\u007f", "emoji\uD83D\uDE00",
                "lone\uD800")) {
            Envelope envelope = new Envelope(RECEIVED, text, text, text);
            ObjectNode fields = StrictJson.mapper().createObjectNode()
                    .put(EventCodec.RECEIVED_AT, RECEIVED.toString())
                    .put(EventCodec.SITE_ID, text)
                    .put(EventCodec.CLIENT_ADDRESS, text)
                    .put(EventCodec.VISITOR_ID, text);
            int envelopeBytes = StrictJson.mapper().writeValueAsBytes(fields).length;
            TrackedEvent event = track().envelope(envelope).build();
            assertThat(rules.checkRecord(event, 32 * 1024 + envelopeBytes).isAccepted()).as(text).isTrue();
            assertThat(rules.checkRecord(event, 32 * 1024 + envelopeBytes + 1).rejection().reason()).as(text)
                    .isEqualTo(ReasonCode.EVENT_TOO_LARGE);
        }
    }

    @Test
    void shouldRequireAnEventNameOnTrack() {
        assertThat(reason(track().event(null).build())).isEqualTo(ReasonCode.MISSING_EVENT_NAME);
        assertThat(reason(track().event("   ").build())).isEqualTo(ReasonCode.MISSING_EVENT_NAME);
    }

    @Test
    void shouldBoundEventNamesTo200CharactersWithoutControls() {
        assertThat(rules.check(track().event("x".repeat(200)).build(), 100).isAccepted()).isTrue();
        assertThat(reason(track().event("x".repeat(201)).build())).isEqualTo(ReasonCode.INVALID_EVENT_NAME);
        assertThat(reason(track().event("bad\nname").build())).isEqualTo(ReasonCode.INVALID_EVENT_NAME);
        assertThat(reason(track().event("bad\u0000name").build())).isEqualTo(ReasonCode.INVALID_EVENT_NAME);
        assertThat(reason(TrackedEvent.builder(EventType.PAGE).anonymousId("a").name("").envelope(ENVELOPE).build()))
                .isEqualTo(ReasonCode.INVALID_EVENT_NAME);
    }

    @Test
    void shouldAcceptUnicodeNames() {
        assertThat(rules.check(track().event("Kauf abgeschlossen ✓ 注文").build(), 100).isAccepted()).isTrue();
    }

    @Test
    void shouldRequireAnIdentity() {
        assertThat(reason(track().anonymousId(null).build())).isEqualTo(ReasonCode.MISSING_IDENTITY);
        TrackedEvent cookieless = track().anonymousId(null)
                .envelope(new Envelope(RECEIVED, "site-1", "203.0.113.0", "hash-1")).build();
        assertThat(rules.check(cookieless, 100).isAccepted()).isTrue();
        assertThat(cookieless.visitorKey()).isEqualTo("hash-1");
        assertThat(rules.check(track().anonymousId(null).userId("u").build(), 100).isAccepted()).isTrue();
    }

    @Test
    void shouldBoundIds() {
        assertThat(reason(track().messageId("m".repeat(101)).build())).isEqualTo(ReasonCode.INVALID_ID);
        assertThat(reason(track().userId("u\tx").build())).isEqualTo(ReasonCode.INVALID_ID);
    }

    @Test
    void shouldCheckTypeSpecificFields() {
        TrackedEventBuilder identify = TrackedEvent.builder(EventType.IDENTIFY).anonymousId("a").envelope(ENVELOPE);
        assertThat(reason(identify.build())).isEqualTo(ReasonCode.MISSING_USER_ID);
        assertThat(rules.check(identify.userId("u").build(), 100).isAccepted()).isTrue();

        TrackedEventBuilder group = TrackedEvent.builder(EventType.GROUP).userId("u").envelope(ENVELOPE);
        assertThat(reason(group.build())).isEqualTo(ReasonCode.MISSING_GROUP_ID);
        assertThat(rules.check(group.groupId("g").build(), 100).isAccepted()).isTrue();

        TrackedEventBuilder alias = TrackedEvent.builder(EventType.ALIAS).anonymousId("a").envelope(ENVELOPE);
        assertThat(reason(alias.build())).isEqualTo(ReasonCode.MISSING_USER_ID);
        assertThat(reason(alias.userId("u").build())).isEqualTo(ReasonCode.MISSING_PREVIOUS_ID);
        assertThat(rules.check(alias.previousId("a").build(), 100).isAccepted()).isTrue();

        assertThat(rules.check(TrackedEvent.builder(EventType.PAGE).anonymousId("a").envelope(ENVELOPE).build(), 100)
                .isAccepted()).isTrue();
        assertThat(rules.check(TrackedEvent.builder(EventType.SCREEN).anonymousId("a").envelope(ENVELOPE).build(), 100)
                .isAccepted()).isTrue();
    }

    @Test
    void shouldAllowAtMost100TopLevelProperties() {
        assertThat(rules.check(track().properties(objectWithKeys(100)).build(), 100).isAccepted()).isTrue();
        assertThat(reason(track().properties(objectWithKeys(101)).build())).isEqualTo(ReasonCode.TOO_MANY_PROPERTIES);
        assertThat(reason(track().traits(objectWithKeys(101)).build())).isEqualTo(ReasonCode.TOO_MANY_PROPERTIES);
    }

    @Test
    void shouldAllowNestingToDepthFive() {
        assertThat(rules.check(track().properties(nested(5)).build(), 100).isAccepted()).isTrue();
        assertThat(reason(track().properties(nested(6)).build())).isEqualTo(ReasonCode.NESTING_TOO_DEEP);
        assertThat(reason(track().traits(nested(6)).build())).isEqualTo(ReasonCode.NESTING_TOO_DEEP);
        ObjectNode other = nested(6);
        assertThat(reason(track().context(new EventContext(null, null, null, null, null, null, null, null, other)).build()))
                .isEqualTo(ReasonCode.NESTING_TOO_DEEP);
    }

    @Test
    void shouldRejectNonFiniteNumbers() {
        ObjectNode props = StrictJson.mapper().createObjectNode().put("n", Double.POSITIVE_INFINITY);
        assertThat(reason(track().properties(props).build())).isEqualTo(ReasonCode.INVALID_NUMBER);
        // 1e999999 parses as a double overflow: the rule, not OpenSearch, must catch it.
        ObjectNode parsed = (ObjectNode) Fixtures.json("{\"n\": 1e999999}");
        assertThat(reason(track().properties(parsed).build())).isEqualTo(ReasonCode.INVALID_NUMBER);
    }

    @Test
    void shouldCorrectClockSkewWithSentAt() {
        // The client clock runs 1 hour fast: it says the event happened at 13:00:00 and was sent at 13:00:05.
        TrackedEvent checked = rules.check(track("2026-03-01T13:00:00Z", "2026-03-01T13:00:05Z").build(), 100).value();
        assertThat(checked.timestamp()).isEqualTo(RECEIVED.minusSeconds(5));
        assertThat(checked.originalTimestamp()).isEqualTo(Instant.parse("2026-03-01T13:00:00Z"));
    }

    @Test
    void shouldPreferOriginalTimestampAndBeIdempotent() {
        TrackedEvent e = track("2020-01-01T00:00:00Z", "2026-03-01T10:00:02Z")
                .originalTimestamp(Instant.parse("2026-03-01T10:00:00Z"))
                .build();
        TrackedEvent once = rules.check(e, 100).value();
        TrackedEvent twice = rules.check(once, 100).value();
        assertThat(once.timestamp()).isEqualTo(RECEIVED.minusSeconds(2));
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void shouldNeverPlaceAnEventInTheFuture() {
        // originalTimestamp after sentAt: a broken client. Clamp to receipt.
        TrackedEvent e = track("2026-03-01T12:10:00Z", "2026-03-01T12:00:00Z").build();
        assertThat(rules.check(e, 100).value().timestamp()).isEqualTo(RECEIVED);
        TrackedEvent slightlyAhead = track().timestamp(RECEIVED.plusSeconds(30)).build();
        assertThat(rules.check(slightlyAhead, 100).value().timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldUseReceiptTimeWhenTheClientSentNoTime() {
        assertThat(rules.check(track().build(), 100).value().timestamp()).isEqualTo(RECEIVED);
    }

    @Test
    void shouldRejectUncorrectableFarFutureTimestamps() {
        TrackedEvent e = track().timestamp(RECEIVED.plus(Duration.ofDays(2))).build();
        assertThat(reason(e)).isEqualTo(ReasonCode.TIMESTAMP_IN_FUTURE);
    }

    @Test
    void shouldRejectEventsOlderThanTheBackfillWindow() {
        assertThat(rules.check(track().timestamp(RECEIVED.minus(Duration.ofDays(29))).build(), 100).isAccepted()).isTrue();
        assertThat(reason(track().timestamp(RECEIVED.minus(Duration.ofDays(31))).build())).isEqualTo(ReasonCode.TIMESTAMP_TOO_OLD);
    }

    @Test
    void shouldPartitionByVisitor() {
        assertThat(track().build().partitionKey()).isEqualTo("site-1/a-1");
    }
}
