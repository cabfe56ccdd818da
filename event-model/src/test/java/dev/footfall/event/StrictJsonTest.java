package dev.footfall.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    private static ReasonCode reasonFor(byte[] body) {
        Outcome<?> outcome = StrictJson.parse(body);
        assertThat(outcome.isAccepted()).as("expected a rejection").isFalse();
        return outcome.rejection().reason();
    }

    private static ReasonCode reasonFor(String body) {
        return reasonFor(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldParseAnObject() {
        Outcome<?> outcome = StrictJson.parse("{\"a\": [1, 2.5, \"x\"]}".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.isAccepted()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty_body",
        "'  \n\t '|empty_body",
        "{\"a\": 1|malformed_json",
        "{\"a\": 1}}|malformed_json",
        "{\"a\": tru}|malformed_json",
        "{\"a\": NaN}|malformed_json",
        "{a: 1}|malformed_json",
        "{\"a\": 1, \"a\": 2}|duplicate_key",
        "{\"x\": {\"a\": 1, \"a\": 1}}|duplicate_key",
        "{\"n\": 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123}|invalid_number",
    })
    void shouldRejectWithReason(String body, String code) {
        assertThat(reasonFor(body).code()).isEqualTo(code);
    }

    @Test
    void shouldRejectNullBody() {
        assertThat(reasonFor((byte[]) null)).isEqualTo(ReasonCode.EMPTY_BODY);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"id\": \"\\ud800\"}|8",
        "{\"id\": \"x\\udfff\"}|9",
        "{\"id\": \"\\ud83d\\ud83d\\ude00\"}|8",
        "{\"id\": \"\\ud83d\\n\"}|8",
        "{\"id\": \"\\ud83dx\"}|8",
        "{\"\\udc00\": 1}|2",
        "{\"a\": [\"ok\", \"\\u00e9\\uDBFF\"]}|20",
    })
    void shouldRejectAnEscapedLoneSurrogateAndSayWhere(String body, int at) {
        Outcome<?> outcome = StrictJson.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.rejection().reason()).isEqualTo(ReasonCode.INVALID_UNICODE);
        assertThat(outcome.rejection().message()).contains("at byte " + at).contains(body.substring(at, at + 6));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "{\"e\": \"\\ud83d\\ude00\"}",
        "{\"e\": \"\\uD83D\\uDE00 and \\ud83d\\ude01\"}",
        "{\"e\": \"\\\\ud800\"}",
        "{\"e\": \"\\\\\\u0041\\ufffd\"}",
        "{\"e\": \"\\\"\\ud800\\udc00\"}",
    })
    void shouldAcceptSurrogatePairsAndEscapedBackslashes(String body) {
        assertThat(StrictJson.parse(body.getBytes(StandardCharsets.UTF_8)).isAccepted()).as(body).isTrue();
    }

    @Test
    void shouldRejectUtf16WithoutAByteOrderMark() {
        byte[] body = "{\"a\": \"b\"}".getBytes(StandardCharsets.UTF_16LE);
        Outcome<?> outcome = StrictJson.parse(body);
        assertThat(outcome.rejection().reason()).isEqualTo(ReasonCode.INVALID_UTF8);
        assertThat(outcome.rejection().message()).contains("UTF-16");
    }

    @Test
    void shouldRejectInvalidUtf8() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThat(reasonFor(body)).isEqualTo(ReasonCode.INVALID_UTF8);
    }

    @Test
    void shouldRejectHostileNestingWithoutStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(reasonFor(deep)).isEqualTo(ReasonCode.NESTING_TOO_DEEP);
    }

    @Test
    void shouldNameThePositionOfASyntaxError() {
        Outcome<?> outcome = StrictJson.parse("{\"a\": }".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.rejection().message()).contains("at byte");
    }
}
