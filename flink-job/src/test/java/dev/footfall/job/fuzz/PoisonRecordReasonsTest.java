package dev.footfall.job.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.job.functions.ValidateEvent;
import dev.footfall.job.model.RawRecord;
import dev.footfall.job.model.ValidatedRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The raw-topic records {@link RawTopicFuzzITCase} found getting the wrong answer, checked one by
 * one against the job's validation: bytes the JSON parser decoded although they are not UTF-8
 * (an overlong {@code /}, an encoded surrogate, a code point beyond U+10FFFF) were accepted as
 * events; a valid non-ASCII character where JSON expects a token was called invalid UTF-8; a key
 * longer than the parser takes was called an invalid number.
 */
class PoisonRecordReasonsTest {

    private static final String VALID = "{\"type\":\"track\",\"messageId\":\"m1\",\"anonymousId\":\"a\",\"event\":\"%s\","
            + "\"receivedAt\":\"2024-01-01T12:00:00Z\",\"siteId\":\"shop\"}";

    @ParameterizedTest(name = "bytes {0} in an event name")
    @ValueSource(strings = {"C0AF", "E080AF", "EDA080", "EDBFBF", "F4908080", "F08F8080", "C2", "80", "F5808080", "FF"})
    void shouldRejectAnEventNameThatIsNotUtf8(String hex) {
        String[] halves = VALID.split("%s");
        byte[] record = concat(utf8(halves[0]), hexBytes(hex), utf8(halves[1]));
        assertThat(reason(record)).isEqualTo("invalid_utf8");
    }

    @Test
    void shouldAcceptEveryKindOfValidUtf8() {
        assertThat(validate(utf8(String.format(VALID, "é € 𝄞 😀 \uFFFD \uD7FF \uE000 \uDBFF\uDFFF"))).isValid()).isTrue();
    }

    @Test
    void shouldCallAStrayCharacterASyntaxErrorNotAnEncodingError() {
        assertThat(reason(utf8("\u0799"))).isEqualTo("malformed_json");
        assertThat(reason(utf8("{\"a\":é}"))).isEqualTo("malformed_json");
    }

    @Test
    void shouldCallAKeyLongerThanTheParserTakesTooLarge() {
        assertThat(reason(utf8("{\"" + "k".repeat(60_000) + "\":1}"))).isEqualTo("event_too_large");
        assertThat(reason(utf8("{\"n\":" + "9".repeat(101) + "}"))).isEqualTo("invalid_number");
    }

    private static String reason(byte[] value) {
        ValidatedRecord record = validate(value);
        assertThat(record.isValid()).as("rejected").isFalse();
        return record.invalid().reason();
    }

    private static ValidatedRecord validate(byte[] value) {
        return new ValidateEvent().map(new RawRecord("raw", 0, 0L, 0L, null, value));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hexBytes(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
