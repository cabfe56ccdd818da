package dev.footfall.event;

import static dev.footfall.event.Fixtures.ENVELOPE;
import static dev.footfall.event.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final String FULL_TRACK = """
            {"type":"track","messageId":"m-1","anonymousId":"a-1","userId":"u-1","event":"Signed Up",
             "properties":{"plan":"pro","seats":3,"nested":{"x":[1,2,{"y":true}]}},
             "context":{"page":{"url":"https://shop.example/p?utm_source=news","path":"/p","search":"?utm_source=news",
                                "title":"P","referrer":"https://www.google.com/"},
                        "campaign":{"name":"spring","source":"news","medium":"email","term":"shoes","content":"a"},
                        "library":{"name":"analytics-java","version":"3.5.1"},
                        "screen":{"width":1280,"height":800,"density":2},
                        "userAgent":"Mozilla/5.0","locale":"de-DE","timezone":"Europe/Berlin","ip":"203.0.113.0",
                        "app":{"name":"shop","build":"42"}},
             "timestamp":"2026-03-01T11:59:58.123Z","sentAt":"2026-03-01T11:59:59Z",
             "integrations":{"All":true},"writeKey":"secret"}
            """;

    @Test
    void shouldReadEveryWellKnownField() {
        TrackedEvent e = EventCodec.fromClientJson(json(FULL_TRACK), null).value();
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.messageId()).isEqualTo("m-1");
        assertThat(e.anonymousId()).isEqualTo("a-1");
        assertThat(e.userId()).isEqualTo("u-1");
        assertThat(e.event()).isEqualTo("Signed Up");
        assertThat(e.properties().get("seats").intValue()).isEqualTo(3);
        assertThat(e.context().page().path()).isEqualTo("/p");
        assertThat(e.context().page().referrer()).isEqualTo("https://www.google.com/");
        assertThat(e.context().campaign()).isEqualTo(new Campaign("spring", "news", "email", "shoes", "a"));
        assertThat(e.context().library()).isEqualTo(new Library("analytics-java", "3.5.1"));
        assertThat(e.context().screen()).isEqualTo(new Screen(1280, 800, 2.0));
        assertThat(e.context().locale()).isEqualTo("de-DE");
        assertThat(e.context().other().get("app").get("build").asText()).isEqualTo("42");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-03-01T11:59:58.123Z"));
        assertThat(e.sentAt()).isEqualTo(Instant.parse("2026-03-01T11:59:59Z"));
        assertThat(e.envelope()).isNull();
    }

    @Test
    void shouldNeverStoreTheWriteKey() {
        TrackedEvent e = EventCodec.fromClientJson(json(FULL_TRACK), null).value().toBuilder().envelope(ENVELOPE).build();
        assertThat(new String(EventCodec.toRecord(e), StandardCharsets.UTF_8)).doesNotContain("secret").doesNotContain("writeKey");
    }

    @Test
    void shouldRoundTripThroughTheRawTopicForm() {
        TrackedEvent e = EventCodec.fromClientJson(json(FULL_TRACK), null).value().toBuilder()
                .envelope(new Envelope(Fixtures.RECEIVED, "site-1", "203.0.113.0", "v-hash")).build();
        TrackedEvent back = EventCodec.fromRecord(EventCodec.toRecord(e)).value();
        assertThat(back).isEqualTo(e);
        assertThat(back.envelope().visitorId()).isEqualTo("v-hash");
    }

    @Test
    void shouldTakeTheTypeFromTheRoute() {
        TrackedEvent e = EventCodec.fromClientJson(json("{\"type\":\"page\",\"event\":\"x\",\"anonymousId\":\"a\"}"),
                EventType.TRACK).value();
        assertThat(e.type()).isEqualTo(EventType.TRACK);
    }

    @Test
    void shouldTakeNumericIdsAsText() {
        TrackedEvent e = EventCodec.fromClientJson(json("{\"userId\":12345,\"event\":\"x\"}"), EventType.TRACK).value();
        assertThat(e.userId()).isEqualTo("12345");
    }

    @Test
    void shouldMapTheDesignDocumentsSimpleEvent() {
        TrackedEvent e = EventCodec.fromSimpleEvent(json("{\"name\":\"signup\",\"data\":{\"plan\":\"pro\"}}")).value();
        assertThat(e.type()).isEqualTo(EventType.TRACK);
        assertThat(e.event()).isEqualTo("signup");
        assertThat(e.properties().get("plan").asText()).isEqualTo("pro");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"data\":{}}|missing_event_name",
        "{\"name\":\"  \"}|missing_event_name",
        "{\"name\":{\"a\":1}}|wrong_type",
        "{\"name\":\"x\",\"data\":[1]}|wrong_type",
        "{\"name\":\"x\",\"data\":\"text\"}|wrong_type",
        "[1,2]|not_an_object",
    })
    void shouldRejectBadSimpleEvents(String body, String code) {
        assertThat(EventCodec.fromSimpleEvent(json(body)).rejection().code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"event\":\"x\"}|missing_type",
        "{\"type\":\"click\"}|unknown_type",
        "{\"type\":\"TRACK\"}|unknown_type",
        "{\"type\":\"track\",\"properties\":\"x\"}|wrong_type",
        "{\"type\":\"track\",\"properties\":[1]}|wrong_type",
        "{\"type\":\"track\",\"traits\":5}|wrong_type",
        "{\"type\":\"track\",\"context\":\"x\"}|wrong_type",
        "{\"type\":\"track\",\"context\":{\"page\":\"x\"}}|wrong_type",
        "{\"type\":\"track\",\"context\":{\"page\":{\"url\":{}}}}|wrong_type",
        "{\"type\":\"track\",\"context\":{\"screen\":{\"width\":\"wide\"}}}|wrong_type",
        "{\"type\":\"track\",\"event\":[\"a\"]}|wrong_type",
        "{\"type\":\"track\",\"timestamp\":\"yesterday\"}|invalid_timestamp",
        "{\"type\":\"track\",\"sentAt\":\"2026-03-01 12:00\"}|invalid_timestamp",
        "{\"type\":\"track\",\"timestamp\":[1]}|wrong_type",
        "\"just a string\"|not_an_object",
    })
    void shouldRejectWrongTypesNamingTheField(String body, String code) {
        Outcome<TrackedEvent> outcome = EventCodec.fromClientJson(json(body), null);
        assertThat(outcome.isAccepted()).isFalse();
        assertThat(outcome.rejection().code()).isEqualTo(code);
        assertThat(outcome.rejection().message()).isNotBlank();
    }

    @Test
    void wrongTypeMessageNamesTheFieldPath() {
        Outcome<TrackedEvent> outcome = EventCodec.fromClientJson(
                json("{\"type\":\"track\",\"context\":{\"page\":{\"url\":{}}}}"), null);
        assertThat(outcome.rejection().message()).contains("context.page.url");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"track\",\"event\":\"x\",\"anonymousId\":\"a\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"anonymousId\":\"a\",\"siteId\":\"s\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"anonymousId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\"}",
        "{\"type\":\"track\",\"event\":\"x\",\"anonymousId\":\"a\",\"receivedAt\":\"2026-03-01T12:00:00Z\",\"siteId\":\"\"}",
    })
    void rawRecordsNeedTheGatewayEnvelope(String body) {
        Outcome<TrackedEvent> outcome = EventCodec.fromRecord(body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.rejection().reason()).isEqualTo(ReasonCode.MISSING_SITE);
    }

    @Test
    void clientsCannotForgeTheEnvelope() {
        TrackedEvent e = EventCodec.fromClientJson(json(
                "{\"type\":\"track\",\"event\":\"x\",\"siteId\":\"other\",\"receivedAt\":\"2020-01-01T00:00:00Z\"}"),
                null).value();
        assertThat(e.envelope()).isNull();
    }
}
