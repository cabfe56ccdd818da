package dev.footfall.definitions.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The site ids of a sites file ({@code {"sites": [{"id": ...}, ...]}}), what definitions may name. */
final class SiteIds {

    private SiteIds() {
    }

    static Set<String> of(Path sitesFile) throws IOException {
        JsonNode sites = new ObjectMapper().readTree(sitesFile.toFile()).path("sites");
        if (!sites.isArray()) {
            throw new IOException(sitesFile + " has no \"sites\" array");
        }
        Set<String> ids = new TreeSet<>();
        for (JsonNode site : sites) {
            if (site.path("id").isTextual()) {
                ids.add(site.path("id").asText());
            }
        }
        return ids;
    }
}
