package dev.footfall.local.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the demo site (from the classpath) into the data directory with the site's write key and
 * the tracker's path (under the gateway's path prefix, by its alias if it has one).
 */
final class DemoSite {

    private static final String RESOURCES = "dev/footfall/local/demo-site/";
    static final List<String> FILES = List.of(
            "index.html", "pricing.html", "contact.html", "app.html", "style.css", "brochure.pdf");

    private DemoSite() {
    }

    static Path install(Path dir, String siteId, String writeKey, String trackerPath) throws IOException {
        Files.createDirectories(dir);
        for (String name : FILES) {
            try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IOException("demo site resource missing: " + RESOURCES + name);
                }
                byte[] bytes = in.readAllBytes();
                if (name.endsWith(".html")) {
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace("{{SITE_ID}}", siteId)
                            .replace("{{WRITE_KEY}}", writeKey)
                            .replace("{{TRACKER}}", trackerPath)
                            .getBytes(StandardCharsets.UTF_8);
                }
                Files.write(dir.resolve(name), bytes);
            }
        }
        return dir;
    }
}
