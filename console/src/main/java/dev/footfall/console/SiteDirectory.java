package dev.footfall.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sites the console serves and each one's time zone (the sites file's {@code timezone}, an
 * IANA zone id, UTC when absent): days, weeks and months of a site's stats are that zone's.
 */
public final class SiteDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ZoneId> zones;

    private SiteDirectory(Map<String, ZoneId> zones) {
        this.zones = Map.copyOf(zones);
    }

    public static SiteDirectory of(Map<String, ZoneId> zones) {
        return new SiteDirectory(new LinkedHashMap<>(zones));
    }

    /** Reads the ids and time zones of a sites file ({@code {"sites": [{"id": ..., "timezone": ...}]}}). */
    public static SiteDirectory load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sites file " + file, e);
        }
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        int i = 0;
        for (JsonNode site : root.path("sites")) {
            String id = site.path("id").asText("");
            if (id.isBlank()) {
                throw new IllegalArgumentException(file + " sites[" + i + "]: 'id' must be a non-empty string");
            }
            String zone = site.path("timezone").asText("UTC");
            try {
                zones.put(id, ZoneId.of(zone));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(file + " site '" + id + "': timezone '" + zone
                        + "' is not an IANA time zone (for example Europe/Berlin or America/New_York)");
            }
            i++;
        }
        return new SiteDirectory(zones);
    }

    public Optional<ZoneId> zone(String siteId) {
        return Optional.ofNullable(zones.get(siteId));
    }

    public List<String> ids() {
        return List.copyOf(zones.keySet());
    }

    /** UTC: the zone of a query over every site at once (the CLI report without --site). */
    public static ZoneId allSitesZone() {
        return ZoneOffset.UTC;
    }
}
