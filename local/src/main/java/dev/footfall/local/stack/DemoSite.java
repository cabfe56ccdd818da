package dev.footfall.local.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the demo site (from the classpath) into the data directory with the site's write key and
 * the tracker's path (under the gateway's path prefix, by its alias if it has one). Each page is
 * the body of {@code layout.html}, which holds what every page shares: the head with the tracker
 * tag, and the navigation.
 */
final class DemoSite {

    private static final String RESOURCES = "dev/footfall/local/demo-site/";
    private static final String LAYOUT = "layout.html";
    /** Each page's file and its title. */
    static final Map<String, String> PAGES = Map.of(
            "index.html", "Home", "pricing.html", "Pricing", "contact.html", "Contact", "app.html", "App");
    static final List<String> ASSETS = List.of("style.css", "brochure.pdf");

    private DemoSite() {
    }

    static Path install(Path dir, String siteId, String writeKey, String trackerPath) throws IOException {
        Files.createDirectories(dir);
        String layout = new String(resource(LAYOUT), StandardCharsets.UTF_8)
                .replace("{{SITE_ID}}", siteId)
                .replace("{{WRITE_KEY}}", writeKey)
                .replace("{{TRACKER}}", trackerPath);
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            String html = layout
                    .replace("{{TITLE}}", page.getValue())
                    .replace("{{PAGE}}", new String(resource(page.getKey()), StandardCharsets.UTF_8));
            Files.writeString(dir.resolve(page.getKey()), html);
        }
        for (String name : ASSETS) {
            Files.write(dir.resolve(name), resource(name));
        }
        return dir;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IOException("demo site resource missing: " + RESOURCES + name);
            }
            return in.readAllBytes();
        }
    }
}
