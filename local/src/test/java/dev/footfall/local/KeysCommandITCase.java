package dev.footfall.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.console.OpenSearchAccess;
import dev.footfall.console.auth.ApiKeyStore;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.testkit.OpenSearchExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./footfall keys}: a created key works until it is revoked; list never shows a key. */
@ExtendWith(OpenSearchExtension.class)
class KeysCommandITCase {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new FootfallCli()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void createListRevoke(EmbeddedOpenSearch node, @TempDir Path dir) throws Exception {
        Path sites = dir.resolve("sites.json");
        Files.writeString(sites, "{\"sites\": [{\"id\": \"shop\"}, {\"id\": \"blog\", \"timezone\": \"Europe/Berlin\"}]}");
        ApiKeyStore store = new ApiKeyStore(OpenSearchAccess.of(node.httpUrl()), Clock.systemUTC());

        Run created = run("keys", "create", "--opensearch", node.httpUrl(), "--sites-file", sites.toString(),
                "--site", "shop", "--site", "blog", "--name", "reporting");
        assertThat(created.exit()).as(created.err()).isZero();
        String key = created.out().trim();
        assertThat(key).startsWith("ffk_");
        assertThat(store.find(key).join()).hasValueSatisfying(k -> {
            assertThat(k.sites()).containsExactly("shop", "blog");
            assertThat(k.name()).isEqualTo("reporting");
        });

        Run unknownSite = run("keys", "create", "--opensearch", node.httpUrl(), "--sites-file", sites.toString(),
                "--site", "nowhere");
        assertThat(unknownSite.exit()).isEqualTo(2);
        assertThat(unknownSite.err()).contains("--site 'nowhere' is not in").contains("shop, blog");

        Run list = run("keys", "list", "--opensearch", node.httpUrl());
        assertThat(list.exit()).isZero();
        String id = store.find(key).join().orElseThrow().id();
        assertThat(list.out()).contains(id).contains("reporting").contains("shop,blog").doesNotContain(key);

        Run revoked = run("keys", "revoke", "--opensearch", node.httpUrl(), id);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(store.find(key).join()).isEmpty();
        assertThat(run("keys", "revoke", "--opensearch", node.httpUrl(), id).exit()).isEqualTo(1);
    }
}
