package dev.footfall.job.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The hand-written rendering must produce the very text Jackson's generator wrote before. */
class JsonDocumentTest {

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
}
