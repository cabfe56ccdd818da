package dev.footfall.job.sink;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.footfall.index.IndexDays;

/**
 * Writes one flat JSON document field by field. Null values are left out, so a document only
 * holds what is known (the index mappings are strict: a field is either right or absent); a
 * partial update writes them as {@code null} where it must clear a stored value.
 *
 * <p>Built in a plain {@link StringBuilder} with Jackson's string escaping (the same escapes its
 * generator writes, so the text is identical): a generator over a {@code StringWriter} cost about
 * twice as much per document, and the job renders one or two documents per event.
 */
final class JsonDocument {

    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();

    private final StringBuilder out = new StringBuilder(512).append('{');

    JsonDocument text(String field, String value) {
        if (value != null) {
            name(field).append('"');
            escaped(value);
            out.append('"');
        }
        return this;
    }

    /**
     * As {@link #text(String, String)}, but with {@code nulls} a null value is written as
     * {@code null}: what a partial update needs to clear a field the stored document has.
     */
    JsonDocument text(String field, String value, boolean nulls) {
        if (value == null && nulls) {
            name(field).append("null");
            return this;
        }
        return text(field, value);
    }

    JsonDocument time(String field, long epochMillis) {
        // Digits and separators only: nothing to escape.
        name(field).append('"').append(IndexDays.timestamp(epochMillis)).append('"');
        return this;
    }

    JsonDocument number(String field, long value) {
        name(field).append(value);
        return this;
    }

    JsonDocument bool(String field, boolean value) {
        name(field).append(value);
        return this;
    }

    JsonDocument texts(String field, String[] values) {
        if (values != null && values.length > 0) {
            name(field).append('[');
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (values[i] == null) {
                    out.append("null");
                } else {
                    out.append('"');
                    escaped(values[i]);
                    out.append('"');
                }
            }
            out.append(']');
        }
        return this;
    }

    /** Embeds a JSON object that is already serialized (free-form properties and traits). */
    JsonDocument rawObject(String field, String json) {
        if (json != null) {
            name(field).append(json);
        }
        return this;
    }

    String render() {
        return out.append('}').toString();
    }

    /**
     * Field names are the index mappings' own, constants of {@link Documents} in plain ASCII, so
     * they are written as they are (checking each for escapes cost as much as the values' checks).
     */
    private StringBuilder name(String field) {
        if (out.length() > 1) {
            out.append(',');
        }
        return out.append('"').append(field).append("\":");
    }

    /** Most values need no escape at all: those are copied whole, the rest escaped by Jackson. */
    private void escaped(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                ESCAPES.quoteAsString(value, out);
                return;
            }
        }
        out.append(value);
    }
}
