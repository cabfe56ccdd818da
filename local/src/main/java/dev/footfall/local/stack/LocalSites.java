package dev.footfall.local.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The sites of the local mode: a given sites file, or one site {@code local} generated once in
 * the data directory, allowing the demo site's origin, with a write key that survives restarts.
 */
final class LocalSites {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The file the gateway reads, the site the demo uses, and that site's write key. */
    record Resolved(Path file, String siteId, String writeKey) {
    }

    private LocalSites() {
    }

    static Resolved resolve(LocalSettings settings) throws IOException {
        if (settings.sitesFile() != null) {
            JsonNode first = JSON.readTree(settings.sitesFile().toFile()).path("sites").path(0);
            if (first.isMissingNode()) {
                throw new IOException("the sites file " + settings.sitesFile() + " lists no site");
            }
            return new Resolved(settings.sitesFile(), first.path("id").asText(), first.path("writeKeys").path(0).asText());
        }
        Path file = settings.dataDir().resolve("sites.json");
        String writeKey = settings.localWriteKey();
        if (writeKey == null && Files.exists(file)) {
            writeKey = JSON.readTree(file.toFile()).path("sites").path(0).path("writeKeys").path(0).asText(null);
        }
        if (writeKey == null) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            writeKey = "wk_local_" + HexFormat.of().formatHex(random);
        }
        ObjectNode root = JSON.createObjectNode();
        ObjectNode site = root.putArray("sites").addObject();
        site.put("id", LocalSettings.DEFAULT_SITE);
        site.putArray("writeKeys").add(writeKey);
        site.putArray("allowedOrigins")
                .add("http://localhost:" + settings.httpPort())
                .add("http://127.0.0.1:" + settings.httpPort());
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(root));
        return new Resolved(file, LocalSettings.DEFAULT_SITE, writeKey);
    }
}
