package dev.footfall.local.stack;

import dev.footfall.console.ConsoleConfig;
import dev.footfall.console.ConsoleServer;
import dev.footfall.console.OpenSearchAccess;
import dev.footfall.config.sites.Site;
import dev.footfall.config.sites.Sites;
import dev.footfall.console.auth.KeyHashes;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

/**
 * The local mode's console: the console's own settings ({@code FOOTFALL_CONSOLE_*} and the
 * others of docs/console.md apply), bound where the launcher binds everything, reading the
 * embedded node and the local sites, with one Stats API key for every local site.
 *
 * <p>The key is {@code FOOTFALL_LOCAL_API_KEY}, else the one kept in the data directory from an
 * earlier start, else a new one. Like the generated site's write key, the local mode keeps it in
 * clear text in its own data directory (readable by its owner only) so every start can print it;
 * OpenSearch, where every console and the CLI look keys up, holds only its hash.
 */
final class LocalConsole {

    static final String KEY_FILE = "console-api-key";

    /** The running console and the key the launcher prints. */
    record Started(ConsoleServer server, String apiKey) {
        @Override
        public String toString() {
            return "Started[" + server.url() + ", apiKey=***]";
        }
    }

    private LocalConsole() {
    }

    /** @param kafkaBootstrap the embedded broker, whose definitions topic names the goals and funnels */
    static Started start(LocalSettings settings, Path sitesFile, String openSearchUrl, String kafkaBootstrap)
            throws IOException {
        ConsoleConfig config = ConsoleConfig.load()
                .with("console.host", settings.bindHost())
                .with("console.port", Integer.toString(settings.consolePort()))
                .with("opensearch.url", openSearchUrl)
                .with("kafka.bootstrap", kafkaBootstrap)
                .with("sites.file", sitesFile.toAbsolutePath().toString());
        Sites sites = Sites.load(sitesFile);
        OpenSearchAccess openSearch = OpenSearchAccess.of(openSearchUrl);
        ConsoleServer server = ConsoleServer.start(config, sites, openSearch, Clock.systemUTC());
        try {
            String key = apiKey(settings);
            server.keys().put(key, "local", sites.all().stream().map(Site::id).toList()).join();
            return new Started(server, key);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static String apiKey(LocalSettings settings) throws IOException {
        if (settings.localApiKey() != null && !settings.localApiKey().isBlank()) {
            return settings.localApiKey().trim();
        }
        Path file = settings.dataDir().resolve(KEY_FILE);
        if (Files.exists(file)) {
            String kept = Files.readString(file).trim();
            if (!kept.isEmpty()) {
                return kept;
            }
        }
        String key = KeyHashes.newKey();
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + "\n");
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return key;
    }
}
