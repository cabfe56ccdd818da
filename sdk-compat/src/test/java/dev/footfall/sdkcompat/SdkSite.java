package dev.footfall.sdkcompat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The files of a site that uses the browser SDKs, served as they are both by nginx on another
 * origin and by the gateway itself ({@code static.dir}): the SDKs' own npm-distributed
 * browser builds, hosted by the site (nothing comes from a vendor's CDN), and one page per scenario.
 *
 * <pre>
 * segment/analytics.js/v1/KEY/analytics.min.js   analytics-next's standalone build (what Segment's CDN serves there)
 * segment/analytics-next/bundles/*.js            its chunks, where the standalone build looks for them
 * segment/v1/projects/KEY/settings               the source settings Segment's CDN would serve
 * rudderstack/rsa.js                             @rudderstack/analytics-js's bundled UMD build
 * pages/SCENARIO.html
 * </pre>
 */
final class SdkSite {

    private final Path root;

    private SdkSite(Path root) {
        this.root = root;
    }

    static SdkSite build(Path root, NodeTools tools, String segmentWriteKey) {
        try {
            Path segment = tools.module("@segment/analytics-next").resolve("dist").resolve("umd");
            Path bundles = Files.createDirectories(root.resolve("segment/analytics-next/bundles"));
            try (Stream<Path> files = Files.list(segment)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".js")).toList()) {
                    Files.copy(file, bundles.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path standalone = Files.createDirectories(root.resolve("segment/analytics.js/v1/" + segmentWriteKey));
            Files.copy(segment.resolve("standalone.js"), standalone.resolve("analytics.min.js"), StandardCopyOption.REPLACE_EXISTING);
            Path settings = Files.createDirectories(root.resolve("segment/v1/projects/" + segmentWriteKey));
            // No apiHost here: the page's load options say where events go. No SDK metrics (/v1/m) either.
            Files.writeString(settings.resolve("settings"), "{\"integrations\":{\"Segment.io\":{\"apiKey\":\""
                    + segmentWriteKey + "\"}},\"plan\":{},\"metrics\":{\"sampleRate\":0}}");
            Path rudder = Files.createDirectories(root.resolve("rudderstack"));
            Files.copy(tools.module("@rudderstack/analytics-js").resolve("dist/npm/modern/bundled/umd/index.js"),
                    rudder.resolve("rsa.js"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(root.resolve("pages"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the SDK site in " + root, e);
        }
        return new SdkSite(root);
    }

    Path root() {
        return root;
    }

    /**
     * Writes {@code pages/<id>.html}: the scenario's SDK sending an identify, a page and a track for
     * the user {@code <id>-user} to the gateway at {@code gatewayUrl}; returns the page's path.
     */
    String writePage(BrowserScenario scenario, String id, String writeKey, String gatewayUrl) {
        String options = switch (scenario.sdk) {
            case SEGMENT -> "{integrations: {'Segment.io': Object.assign({apiHost: '" + URI.create(gatewayUrl).getAuthority()
                    + "/v1', protocol: 'http'}, " + scenario.loadOptions + ")}}";
            case RUDDERSTACK -> scenario.loadOptions;
        };
        String html = template(scenario.sdk.template)
                .replace("{{SCENARIO}}", id)
                .replace("{{USER}}", id + "-user")
                .replace("{{WRITE_KEY}}", writeKey)
                .replace("{{DATA_PLANE}}", gatewayUrl)
                .replace("{{LOAD_OPTIONS}}", options);
        try {
            Files.writeString(root.resolve("pages").resolve(id + ".html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "/pages/" + id + ".html";
    }

    private static String template(String name) {
        try (InputStream in = SdkSite.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
