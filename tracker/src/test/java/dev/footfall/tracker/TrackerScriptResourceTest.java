package dev.footfall.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.tracker.build.GzipSizeGuard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the gateway serves: the two resources of the tracker's jar. */
class TrackerScriptResourceTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = TrackerScriptResourceTest.class.getClassLoader().getResourceAsStream("dev/footfall/tracker/" + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theMinifiedScriptIsSmallAndCarriesTheProjectVersion() throws IOException {
        String minified = resource("footfall.min.js");
        String readable = resource("footfall.js");
        assertThat(minified).doesNotContain("@project.version@").doesNotContain("\n  ").contains("footfall.js");
        assertThat(minified.length()).isLessThan(readable.length() / 2);
        assertThat(GzipSizeGuard.gzippedSize(minified.getBytes(StandardCharsets.UTF_8))).isLessThanOrEqualTo(2064); // tracker.max-gzip-bytes in tracker/pom.xml

        String version = readable.replaceAll("(?s).*api\\.version = '([^']+)'.*", "$1");
        assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(minified).contains('"' + version + '"');
    }
}
