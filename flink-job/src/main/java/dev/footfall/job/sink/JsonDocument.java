package dev.footfall.job.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes one flat JSON document field by field. Null values are left out, so a document only
 * holds what is known (the index mappings are strict: a field is either right or absent).
 */
final class JsonDocument {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final StringWriter text = new StringWriter(512);
    private final JsonGenerator out;

    JsonDocument() {
        try {
            out = FACTORY.createGenerator(text);
            out.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonDocument text(String field, String value) {
        if (value != null) {
            try {
                out.writeStringField(field, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    JsonDocument time(String field, long epochMillis) {
        return text(field, IndexNames.timestamp(epochMillis));
    }

    JsonDocument number(String field, long value) {
        try {
            out.writeNumberField(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    JsonDocument bool(String field, boolean value) {
        try {
            out.writeBooleanField(field, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    JsonDocument texts(String field, String[] values) {
        if (values != null && values.length > 0) {
            try {
                out.writeArrayFieldStart(field);
                for (String value : values) {
                    out.writeString(value);
                }
                out.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    /** Embeds a JSON object that is already serialized (free-form properties and traits). */
    JsonDocument rawObject(String field, String json) {
        if (json != null) {
            try {
                out.writeFieldName(field);
                out.writeRawValue(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    String render() {
        try {
            out.writeEndObject();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
