package dev.footfall.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSiteTest {

    private static final String TAG = "<script defer src=\"/t/footfall.js\" data-site=\"site-1\" data-write-key=\"wk_demo\"";

    @Test
    void shouldWriteEveryPageWholeWithItsTitleTheTrackerTagAndItsOwnContent(@TempDir Path dir) throws IOException {
        DemoSite.install(dir, "site-1", "wk_demo", "/t/footfall.js");

        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).startsWith("<!doctype html>").endsWith("</body>\n</html>\n")
                .contains("<title>Home · Footfall demo shop</title>", TAG, "<h1>Welcome</h1>")
                .doesNotContain("{{");
        String app = Files.readString(dir.resolve("app.html"));
        // The single-page app's script stays after its main, inside the body.
        assertThat(app).contains("<title>App · Footfall demo shop</title>", TAG, "history.pushState({}, '', route);")
                .endsWith("</script>\n</body>\n</html>\n");
        assertThat(Files.readString(dir.resolve("pricing.html"))).contains("<title>Pricing · Footfall demo shop</title>", TAG);
        assertThat(Files.readString(dir.resolve("contact.html"))).contains("<title>Contact · Footfall demo shop</title>", TAG);
        // The layout is what pages are written into, not a page of the site.
        assertThat(dir.resolve("layout.html")).doesNotExist();
    }

    @Test
    void shouldCopyTheAssetsByteForByte(@TempDir Path dir) throws IOException {
        DemoSite.install(dir, "site-1", "wk_demo", "/t/footfall.js");

        try (InputStream pdf = DemoSite.class.getClassLoader().getResourceAsStream("dev/footfall/local/demo-site/brochure.pdf")) {
            assertThat(Files.readAllBytes(dir.resolve("brochure.pdf"))).isEqualTo(pdf.readAllBytes());
        }
        assertThat(dir.resolve("style.css")).isNotEmptyFile();
    }
}
