package dev.footfall.job;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.job.model.IndexAction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Reads rendered documents back for assertions. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static Map<String, Object> read(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> doc(IndexAction action) {
        return read(action.json());
    }
}
