package dev.footfall.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written rendering must produce the very text Jackson's generator and java.time wrote before. */
class JsonDocumentTest {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void shouldWriteTheSameTextAsJacksonsGenerator() throws Exception {
        String awkward = "quote \" backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f "
                + "é ü 中文 emoji \uD83D\uDE00 lone \uD800 line sep \u2028";
        String rendered = new JsonDocument()
                .text("site_id", "s1")
                .text("absent", null)
                .text("awkward", awkward)
                .number("count", -42)
                .bool("is_bot", true)
                .texts("kv", new String[] {"a=1", awkward})
                .texts("none", new String[0])
                .rawObject("properties", "{\"x\":[1,2]}")
                .render();

        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("site_id", "s1");
            g.writeStringField("awkward", awkward);
            g.writeNumberField("count", -42);
            g.writeBooleanField("is_bot", true);
            g.writeArrayFieldStart("kv");
            g.writeString("a=1");
            g.writeString(awkward);
            g.writeEndArray();
            g.writeFieldName("properties");
            g.writeRawValue("{\"x\":[1,2]}");
            g.writeEndObject();
        }
        assertThat(rendered).isEqualTo(text.toString());
    }

    @Test
    void shouldFormatTimestampsAndDailyIndicesAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000L, 4_102_444_799_999L,
                253_402_300_799_999L, -62_135_596_800_000L};
        for (long t : edges) {
            assertSame(t);
        }
        for (int i = 0; i < 100_000; i++) {
            assertSame(random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L));
        }
    }

    private static void assertSame(long epochMillis) {
        assertThat(IndexNames.timestamp(epochMillis)).as("timestamp of %d", epochMillis)
                .isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis)));
        assertThat(IndexNames.daily(IndexNames.EVENTS, epochMillis)).as("index of %d", epochMillis)
                .isEqualTo(IndexNames.EVENTS + DateTimeFormatter.ofPattern("yyyy.MM.dd")
                        .format(Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate()));
    }
}
