package dev.footfall.dashboards.savedobjects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The saved objects of an NDJSON file, by {@code type:id}, in file order. */
public final class SavedObjectsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Classpath location of the NDJSON the setup command imports. */
    public static final String FOOTFALL_RESOURCE = "/footfall/dashboards/footfall-saved-objects.ndjson";

    private final String ndjson;
    private final Map<String, JsonNode> objects = new LinkedHashMap<>();

    private SavedObjectsFile(String ndjson) {
        this.ndjson = ndjson;
        for (String line : ndjson.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.has("type") && node.has("id")) {
                    objects.put(node.get("type").asText() + ":" + node.get("id").asText(), node);
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not an NDJSON line: " + e.getOriginalMessage(), e);
            }
        }
    }

    public static SavedObjectsFile parse(String ndjson) {
        return new SavedObjectsFile(ndjson);
    }

    /** The saved objects Footfall ships. */
    public static SavedObjectsFile footfall() {
        try (InputStream in = SavedObjectsFile.class.getResourceAsStream(FOOTFALL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FOOTFALL_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String ndjson() {
        return ndjson;
    }

    public byte[] bytes() {
        return ndjson.getBytes(StandardCharsets.UTF_8);
    }

    public int size() {
        return objects.size();
    }

    public Optional<JsonNode> get(String type, String id) {
        return Optional.ofNullable(objects.get(type + ":" + id));
    }

    public List<JsonNode> ofType(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode o : objects.values()) {
            if (type.equals(o.get("type").asText())) {
                out.add(o);
            }
        }
        return out;
    }
}
