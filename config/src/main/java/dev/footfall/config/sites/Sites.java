package dev.footfall.config.sites;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.event.Outcome;
import dev.footfall.event.StrictJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sites of a deployment, from the sites file, shared by every component that needs them (the
 * gateway authenticates with them, the console reports per site in its time zone, the definitions
 * tool checks site ids):
 * <pre>{@code {"sites":[{"id":"local","writeKeys":["wk_..."],"allowedOrigins":["http://localhost:8080"],
 *               "timezone":"Europe/Berlin"}]}}</pre>
 * Lookups are plain hash-map reads, so authentication costs nothing measurable per request.
 */
public final class Sites {

    private static final Sites NONE = new Sites(List.of());

    private final List<Site> sites;
    private final Map<String, Site> byId = new HashMap<>();
    private final Map<String, Site> byWriteKey = new HashMap<>();
    /** Origin to its site; null values mark origins listed by more than one site. */
    private final Map<String, Site> byOrigin = new HashMap<>();

    private Sites(List<Site> sites) {
        this.sites = List.copyOf(sites);
        Set<String> ids = new LinkedHashSet<>();
        for (Site site : sites) {
            if (!ids.add(site.id())) {
                throw new IllegalArgumentException("site id '" + site.id() + "' is listed twice");
            }
            byId.put(site.id(), site);
            for (String key : site.writeKeys()) {
                Site previous = byWriteKey.put(key, site);
                if (previous != null) {
                    throw new IllegalArgumentException("a write key of site '" + site.id()
                            + "' is also a write key of site '" + previous.id() + "'");
                }
            }
            for (String origin : site.allowedOrigins()) {
                // A shared origin cannot say which site a keyless request is for: mark it ambiguous.
                byOrigin.put(origin, byOrigin.containsKey(origin) ? null : site);
            }
        }
    }

    public static Sites none() {
        return NONE;
    }

    public static Sites of(Site... sites) {
        return new Sites(List.of(sites));
    }

    public static Sites load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sites file " + file, e);
        }
    }

    public static Sites parse(String json) {
        return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "sites JSON");
    }

    private static Sites parse(byte[] bytes, String where) {
        Outcome<JsonNode> parsed = StrictJson.parse(bytes);
        if (!parsed.isAccepted()) {
            throw new IllegalArgumentException(where + ": " + parsed.rejection().message());
        }
        JsonNode list = parsed.value().get("sites");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(where + ": expected {\"sites\": [...]}");
        }
        List<Site> sites = new ArrayList<>();
        for (JsonNode node : list) {
            sites.add(site(node, where + " sites[" + sites.size() + "]"));
        }
        try {
            return new Sites(sites);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Site site(JsonNode node, String where) {
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": 'id' must be a non-empty string");
        }
        List<String> keys = new ArrayList<>();
        for (String key : strings(node, "writeKeys", where)) {
            if (key.isBlank()) {
                throw new IllegalArgumentException(where + ": write keys must not be empty");
            }
            keys.add(key);
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : strings(node, "allowedOrigins", where)) {
            origins.add(normalizeConfiguredOrigin(origin, where));
        }
        return new Site(id.asText(), keys, origins, timezone(node, id.asText(), where));
    }

    /** The site's {@code timezone}: an IANA zone id (or {@code UTC}); absent means {@link Site#DEFAULT_TIMEZONE}. */
    private static ZoneId timezone(JsonNode node, String id, String where) {
        JsonNode zone = node.get("timezone");
        if (zone == null || zone.isNull()) {
            return Site.DEFAULT_TIMEZONE;
        }
        if (!zone.isTextual()) {
            throw new IllegalArgumentException(where + ": site '" + id + "': 'timezone' must be a string such as \"Europe/Berlin\"");
        }
        try {
            return ZoneId.of(zone.asText());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(where + ": site '" + id + "': timezone '" + zone.asText()
                    + "' is not a time zone; write an IANA zone id such as \"Europe/Berlin\" or \"UTC\"");
        }
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        JsonNode array = node.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(where + ": '" + field + "' must hold only strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    /** Browsers send {@code scheme://host[:port]}; configured origins must have that form. */
    static String normalizeConfiguredOrigin(String origin, String where) {
        String lower = origin.trim().toLowerCase(Locale.ROOT);
        while (lower.endsWith("/")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        int schemeEnd = lower.indexOf("://");
        boolean httpScheme = lower.startsWith("http://") || lower.startsWith("https://");
        if (!httpScheme || lower.indexOf('/', schemeEnd + 3) >= 0 || lower.length() == schemeEnd + 3) {
            throw new IllegalArgumentException(where + ": allowed origin '" + origin
                    + "' must look like https://example.com or http://localhost:8080 (no path)");
        }
        return lower;
    }

    /** Normalizes an {@code Origin} header for lookup; browsers already send lower case. */
    public static String normalizeOriginHeader(String origin) {
        if (origin == null) {
            return null;
        }
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return origin.toLowerCase(Locale.ROOT);
            }
        }
        return origin;
    }

    /** The site with this id, or null. */
    public Site byId(String id) {
        return id == null ? null : byId.get(id);
    }

    public Site byWriteKey(String writeKey) {
        return writeKey == null ? null : byWriteKey.get(writeKey);
    }

    /**
     * The one site listing this origin, for requests without a write key; null when no site or
     * more than one site lists it (then the sender must say which with a write key).
     */
    public Site byOrigin(String normalizedOrigin) {
        return normalizedOrigin == null ? null : byOrigin.get(normalizedOrigin);
    }

    /** Whether any site allows this origin (a CORS preflight carries no credentials to say which). */
    public boolean anySiteAllows(String normalizedOrigin) {
        return normalizedOrigin != null && byOrigin.containsKey(normalizedOrigin);
    }

    public boolean isEmpty() {
        return sites.isEmpty();
    }

    public List<Site> all() {
        return sites;
    }

    /** The site ids, in the file's order. */
    public List<String> ids() {
        return sites.stream().map(Site::id).toList();
    }
}
