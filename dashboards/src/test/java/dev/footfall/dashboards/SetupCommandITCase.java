package dev.footfall.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.dashboards.savedobjects.SavedObjectsFile;
import dev.footfall.dashboards.standin.DashboardsStandIn;
import dev.footfall.embedded.EmbeddedOpenSearch;
import dev.footfall.index.IndexFamily;
import dev.footfall.testkit.OpenSearchExtension;
import dev.footfall.testkit.OpenSearchTestClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The setup command end to end: a real OpenSearch node and the import-route stand-in for Dashboards. */
@ExtendWith(OpenSearchExtension.class)
class SetupCommandITCase {

    @AutoClose
    private final DashboardsStandIn osd = new DashboardsStandIn();

    /** What one run of the command printed, and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = SetupCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String[] args(EmbeddedOpenSearch node, String... more) {
        List<String> a = new ArrayList<>(List.of("--opensearch-url", node.httpUrl(), "--dashboards-url", osd.url(), "--wait", "60s"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void setsUpOpenSearchAndDashboardsAndCanRunAgain(EmbeddedOpenSearch node, OpenSearchTestClient search) {
        Run first = run(args(node));
        Run second = run(args(node));

        // 53 saved objects: an index pattern per family (events, sessions, rollups, invalid, health,
        // goals, funnels: 7), 5 dashboards (traffic overview, custom events, realtime, pipeline
        // health, goals and funnels), 39 visualizations and 2 saved searches.
        for (Run r : List.of(first, second)) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("index template footfall-events applied", "index template footfall-health applied",
                    "ISM plugin not installed", "imported 53 saved objects", "footfall-setup: done");
            assertThat(r.err()).isEmpty();
        }
        for (IndexFamily family : IndexFamily.values()) {
            JsonNode t = search.request("GET", "/_index_template/" + family.templateName(), null);
            assertThat(t.path("index_templates")).hasSize(1);
        }
        assertThat(osd.imports()).hasSize(2).allSatisfy(i -> {
            assertThat(i.query()).isEqualTo("overwrite=true");
            assertThat(i.fileName()).endsWith(".ndjson");
        });
        assertThat(osd.stored()).hasSize(SavedObjectsFile.footfall().size());
    }

    @Test
    void waitsForDashboardsToFinishStarting(EmbeddedOpenSearch node) {
        osd.notReadyFor(3);
        Run r = run(args(node, "--skip-opensearch"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(osd.stored()).isNotEmpty();
    }

    @Test
    void anUnreachableOpenSearchFailsWithItsOwnExitCodeAfterTheDeadline() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Run r = run("--opensearch-url", "http://127.0.0.1:" + closedPort, "--dashboards-url", osd.url(), "--wait", "2s");
        assertThat(r.exitCode()).isEqualTo(ExitCode.UNREACHABLE.code());
        assertThat(r.err()).contains("OpenSearch at http://127.0.0.1:" + closedPort, "was not ready within 2 s", "connection refused");
        assertThat(osd.imports()).isEmpty();
    }

    @Test
    void refusedDashboardsCredentialsFailWithTheAuthExitCode(EmbeddedOpenSearch node) {
        osd.requireCredentials("admin", "s3cret");
        Run r = run(args(node, "--skip-opensearch", "--dashboards-user", "admin", "--dashboards-password", "wrong"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.AUTH_FAILED.code());
        assertThat(r.err()).contains("OpenSearch Dashboards at " + osd.url(), "refused the credentials (user 'admin')");
        assertThat(r.err()).doesNotContain("wrong");

        Run ok = run(args(node, "--skip-opensearch", "--dashboards-user", "admin", "--dashboards-password", "s3cret"));
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void aPartialImportIsAFailureThatListsEachObject(EmbeddedOpenSearch node) {
        osd.script(200, "{\"success\":false,\"successCount\":46,\"errors\":[{\"id\":\"footfall-traffic-visitors\",\"type\":\"visualization\","
                + "\"title\":\"Visitors\",\"error\":{\"type\":\"missing_references\",\"references\":[{\"type\":\"index-pattern\",\"id\":\"footfall-events\"}]}}]}");
        Run r = run(args(node, "--skip-opensearch"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.IMPORT_FAILED.code());
        assertThat(r.err()).contains("visualization:footfall-traffic-visitors \"Visitors\": missing_references (missing index-pattern:footfall-events)");
        assertThat(r.out()).doesNotContain("footfall-setup: done");
    }

    @Test
    void aCustomSavedObjectsFileIsCheckedBeforeItIsSent(EmbeddedOpenSearch node, @TempDir Path dir) throws IOException {
        Path broken = dir.resolve("mine.ndjson");
        Files.writeString(broken, "{\"type\":\"visualization\",\"id\":\"v\",\"attributes\":{\"title\":\"V\",\"visState\":\"{\"}}\n");
        Run r = run(args(node, "--skip-opensearch", "--saved-objects", broken.toString()));
        assertThat(r.exitCode()).isEqualTo(ExitCode.IMPORT_FAILED.code());
        assertThat(r.err()).contains("would not import cleanly", "INVALID_JSON_ATTRIBUTE", "visState");
        assertThat(osd.imports()).isEmpty();
    }

    @Test
    void badOptionsAreUsageErrors() {
        Run age = run("--retention-events", "ninety days", "--skip-dashboards", "--opensearch-url", "http://127.0.0.1:1", "--wait", "1s");
        assertThat(age.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(age.err()).contains("'ninety days'");
        Run url = run("--opensearch-url", "localhost:9200", "--skip-dashboards");
        assertThat(url.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(url.err()).contains("must start with http:// or https://");
        Run ism = run("--ism", "sometimes");
        assertThat(ism.exitCode()).isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void helpListsTheExitCodes() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--opensearch-url", "FOOTFALL_OPENSEARCH_URL", "--insecure", "Exit codes:",
                "6   OpenSearch Dashboards refused");
    }
}
