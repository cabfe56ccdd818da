package dev.footfall.job.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.event.EventType;
import dev.footfall.job.RawEvents;
import dev.footfall.job.model.InvalidEvent;
import dev.footfall.job.model.RawRecord;
import dev.footfall.job.model.ValidEvent;
import dev.footfall.job.model.ValidatedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValidateEventTest {

    private static final Instant TIME = Instant.parse("2026-03-02T10:00:00Z");

    private final ValidateEvent validate = new ValidateEvent();

    private ValidatedRecord of(String json) {
        return of(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private ValidatedRecord of(byte[] bytes) {
        return validate.map(new RawRecord("footfall.raw", 1, 42, 1_700_000_000_000L, "k".getBytes(), bytes));
    }

    private String reason(String json) {
        ValidatedRecord r = of(json);
        assertThat(r.isValid()).as("expected %s to be invalid", json).isFalse();
        return r.invalid().reason();
    }

    @Test
    void shouldFlattenAValidEventWithItsCorrectedTime() {
        ValidEvent e = of(RawEvents.track("shop", "v1", "m1", TIME, "Signed Up", "https://shop.example/?a=1")
                .property("plan", "pro").property("seats", 3).userAgent("UA").json()).valid();

        assertThat(e.siteId()).isEqualTo("shop");
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.eventName()).isEqualTo("Signed Up");
        assertThat(e.interactive()).isTrue();
        assertThat(e.eventTime()).isEqualTo(TIME.toEpochMilli());
        assertThat(e.receivedAt()).isEqualTo(TIME.toEpochMilli() + RawEvents.RECEIPT_DELAY_MS);
        assertThat(e.propertiesJson()).isEqualTo("{\"plan\":\"pro\",\"seats\":3}");
        assertThat(e.propertiesKv()).containsExactly("plan=pro", "seats=3");
        assertThat(e.userAgent()).isEqualTo("UA");
        assertThat(e.clientAddress()).isEqualTo("203.0.113.0");
    }

    @Test
    void shouldNotCountNonInteractiveEventsAgainstABounce() {
        assertThat(of(RawEvents.track("s", "v", "m", TIME, "Scrolled", "https://x/").property("nonInteraction", 1)
                .json()).valid().interactive()).isFalse();
        assertThat(of(RawEvents.page("s", "v", "m", TIME, "https://x/").json()).valid().interactive()).isFalse();
    }

    @Test
    void shouldTurnPoisonRecordsIntoReasonedInvalidEvents() {
        assertThat(reason("{\"type\":\"page\",")).isEqualTo("malformed_json");
        assertThat(reason("[1,2,3]")).isEqualTo("not_an_object");
        assertThat(reason(null)).isEqualTo("empty_body");
        assertThat(reason("{\"type\":\"click\",\"messageId\":\"m\",\"anonymousId\":\"v\",\"siteId\":\"s\","
                + "\"receivedAt\":\"2026-03-02T10:00:00Z\"}")).isEqualTo("unknown_type");
        assertThat(reason("{\"type\":\"page\",\"messageId\":\"m\",\"anonymousId\":\"v\",\"properties\":[1],"
                + "\"siteId\":\"s\",\"receivedAt\":\"2026-03-02T10:00:00Z\"}")).isEqualTo("wrong_type");
        assertThat(reason("{\"type\":\"page\",\"messageId\":\"m\",\"anonymousId\":\"v\",\"properties\":{\"n\":1e999},"
                + "\"siteId\":\"s\",\"receivedAt\":\"2026-03-02T10:00:00Z\"}")).isEqualTo("invalid_number");
        assertThat(reason(RawEvents.page("s", "v", "m", TIME, "https://x/").property("blob", "x".repeat(40_000))
                .json())).isEqualTo("event_too_large");
        assertThat(reason("{\"type\":\"page\",\"anonymousId\":\"v\",\"siteId\":\"s\","
                + "\"receivedAt\":\"2026-03-02T10:00:00Z\"}")).isEqualTo("missing_message_id");
        assertThat(reason("{\"type\":\"page\",\"messageId\":\"m\",\"anonymousId\":\"v\"}")).isEqualTo("missing_site");
        assertThat(reason("[".repeat(10_000))).isEqualTo("nesting_too_deep");
    }

    @Test
    void shouldKeepWhatCanBeReadOfAnInvalidRecord() {
        InvalidEvent e = of("{\"type\":\"click\",\"siteId\":\"shop\",\"receivedAt\":\"2026-03-02T10:00:00Z\"}").invalid();
        assertThat(e.siteId()).isEqualTo("shop");
        assertThat(e.timestamp()).isEqualTo(TIME.toEpochMilli());
        assertThat(e.topic()).isEqualTo("footfall.raw");
        assertThat(e.partition()).isEqualTo(1);
        assertThat(e.offset()).isEqualTo(42);
        assertThat(new String(e.key())).isEqualTo("k");

        InvalidEvent garbage = of(new byte[] {(byte) 0xff, (byte) 0xfe, '{'}).invalid();
        assertThat(garbage.reason()).isEqualTo("invalid_utf8");
        assertThat(garbage.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(garbage.payload()).isEqualTo("\ufffd\ufffd{");
        assertThat(garbage.payloadBytes()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheIdsOfAnInvalidRecordSoErasureFindsIt() {
        InvalidEvent e = of("{\"type\":\"click\",\"anonymousId\":\"a-1\",\"userId\":\"u-1\",\"visitorId\":\"h-1\","
                + "\"siteId\":\"shop\",\"receivedAt\":\"2026-03-02T10:00:00Z\"}").invalid();
        assertThat(e.anonymousId()).isEqualTo("a-1");
        assertThat(e.userId()).isEqualTo("u-1");
        assertThat(e.visitorId()).isEqualTo("h-1");

        InvalidEvent odd = of("{\"type\":\"click\",\"anonymousId\":{\"x\":1},\"userId\":\"  \"}").invalid();
        assertThat(odd.anonymousId()).isNull();
        assertThat(odd.userId()).isNull();
    }

    @Test
    void shouldNeverThrowWhateverTheBytes() {
        Random random = new Random(1);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length > 0) {
                bytes[0] = '{';
            }
            assertThat(of(bytes)).isNotNull();
        }
    }
}
